package io.jipc.cli;

import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI on the schemes that reach beyond one machine: aeron and zookeeper. */
class RemoteCliTest {
    private static int freePorts() throws Exception {
        while (true) {
            try (DatagramSocket a = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                int p = a.getLocalPort();
                if (p < 65535) {
                    try (DatagramSocket b = new DatagramSocket(p + 1, InetAddress.getLoopbackAddress())) {
                        return p;
                    } catch (java.net.SocketException taken) {
                        // try another pair
                    }
                }
            }
        }
    }

    @Test
    void backendsListsBoth() {
        CliRun r = CliRun.run("backends");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("jipc-aeron") && r.out.contains("jipc-zookeeper"), r.out);
    }

    @Test
    void sendAndRecvOverAeronUdp() throws Exception {
        String uri = "aeron:udp?endpoint=127.0.0.1:" + freePorts();
        CompletableFuture<CliRun> recv = CompletableFuture.supplyAsync(() -> CliRun.run("recv", uri, "--timeout", "60s"));
        CliRun sent = CliRun.run("send", uri, "--tag", "7", "--timeout", "60s", "hello over udp");
        assertEquals(0, sent.code, sent.toString());
        CliRun got = recv.get(90, TimeUnit.SECONDS);
        assertEquals(0, got.code, got.toString());
        assertTrue(got.out.contains("hello over udp"), got.toString());
    }

    @Test
    void pingpongDemoOverAeronUdp() throws Exception {
        CliRun r = CliRun.run("demo", "pingpong", "--rounds", "2", "--uri", "aeron:udp?endpoint=localhost:" + freePorts());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("[pong] pong: received 'ping 2' (tag 1), answering with tag 2"), r.out);
        assertTrue(r.out.contains("[ping] ping: received 'pong 2' (tag 2)"), r.out);
    }

    @Test
    void pingpongOverAeronIpcWithoutASharedDriverExplainsWhy() {
        CliRun r = CliRun.run("demo", "pingpong", "--uri", "aeron:ipc");
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("driver=external"), r.err);
    }
}
