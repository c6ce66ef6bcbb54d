package io.jipc.os;

import io.jipc.os.layout.IpcPermLayout;
import io.jipc.os.layout.MsqidDsLayout;
import io.jipc.os.layout.SembufLayout;
import io.jipc.os.layout.SemidDsLayout;
import io.jipc.os.layout.ShmidDsLayout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SysV struct layouts and constants against the C compiler's answer (skipped without cc). */
class SysvLayoutTest {
    private static final List<String> HEADERS = List.of("sys/ipc.h", "sys/msg.h", "sys/sem.h", "sys/shm.h");

    @Test
    void ipcPerm() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(HEADERS, "struct ipc_perm",
                List.of("__key", "uid", "gid", "cuid", "cgid", "mode", "__seq"));
        assertEquals(IpcPermLayout.SIZE, c.get("sizeof"));
        assertEquals(IpcPermLayout.KEY, c.get("__key"));
        assertEquals(IpcPermLayout.UID, c.get("uid"));
        assertEquals(IpcPermLayout.GID, c.get("gid"));
        assertEquals(IpcPermLayout.CUID, c.get("cuid"));
        assertEquals(IpcPermLayout.CGID, c.get("cgid"));
        assertEquals(IpcPermLayout.MODE, c.get("mode"));
        assertEquals(IpcPermLayout.SEQ, c.get("__seq"));
    }

    @Test
    void msqidDs() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(HEADERS, "struct msqid_ds", List.of("msg_perm", "msg_stime",
                "msg_rtime", "msg_ctime", "msg_cbytes", "msg_qnum", "msg_qbytes", "msg_lspid", "msg_lrpid"));
        assertEquals(MsqidDsLayout.SIZE, c.get("sizeof"));
        assertEquals(MsqidDsLayout.MSG_PERM, c.get("msg_perm"));
        assertEquals(MsqidDsLayout.MSG_STIME, c.get("msg_stime"));
        assertEquals(MsqidDsLayout.MSG_RTIME, c.get("msg_rtime"));
        assertEquals(MsqidDsLayout.MSG_CTIME, c.get("msg_ctime"));
        assertEquals(MsqidDsLayout.MSG_CBYTES, c.get("msg_cbytes"));
        assertEquals(MsqidDsLayout.MSG_QNUM, c.get("msg_qnum"));
        assertEquals(MsqidDsLayout.MSG_QBYTES, c.get("msg_qbytes"));
        assertEquals(MsqidDsLayout.MSG_LSPID, c.get("msg_lspid"));
        assertEquals(MsqidDsLayout.MSG_LRPID, c.get("msg_lrpid"));
    }

    @Test
    void semidDs() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(HEADERS, "struct semid_ds",
                List.of("sem_perm", "sem_otime", "sem_ctime", "sem_nsems"));
        assertEquals(SemidDsLayout.SIZE, c.get("sizeof"));
        assertEquals(SemidDsLayout.SEM_PERM, c.get("sem_perm"));
        assertEquals(SemidDsLayout.SEM_OTIME, c.get("sem_otime"));
        assertEquals(SemidDsLayout.SEM_CTIME, c.get("sem_ctime"));
        assertEquals(SemidDsLayout.SEM_NSEMS, c.get("sem_nsems"));
    }

    @Test
    void shmidDs() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(HEADERS, "struct shmid_ds", List.of("shm_perm", "shm_segsz",
                "shm_atime", "shm_dtime", "shm_ctime", "shm_cpid", "shm_lpid", "shm_nattch"));
        assertEquals(ShmidDsLayout.SIZE, c.get("sizeof"));
        assertEquals(ShmidDsLayout.SHM_PERM, c.get("shm_perm"));
        assertEquals(ShmidDsLayout.SHM_SEGSZ, c.get("shm_segsz"));
        assertEquals(ShmidDsLayout.SHM_ATIME, c.get("shm_atime"));
        assertEquals(ShmidDsLayout.SHM_DTIME, c.get("shm_dtime"));
        assertEquals(ShmidDsLayout.SHM_CTIME, c.get("shm_ctime"));
        assertEquals(ShmidDsLayout.SHM_CPID, c.get("shm_cpid"));
        assertEquals(ShmidDsLayout.SHM_LPID, c.get("shm_lpid"));
        assertEquals(ShmidDsLayout.SHM_NATTCH, c.get("shm_nattch"));
    }

    @Test
    void sembuf() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(HEADERS, "struct sembuf", List.of("sem_num", "sem_op", "sem_flg"));
        assertEquals(SembufLayout.SIZE, c.get("sizeof"));
        assertEquals(SembufLayout.SEM_NUM, c.get("sem_num"));
        assertEquals(SembufLayout.SEM_OP, c.get("sem_op"));
        assertEquals(SembufLayout.SEM_FLG, c.get("sem_flg"));
    }

    @Test
    void constantsMatchTheHeaders() throws Exception {
        Assumptions.assumeTrue(CLayoutProbe.hasCompiler(), "no C compiler (cc) on PATH: constants not checked");
        Map<String, Integer> java = new HashMap<>();
        java.put("IPC_PRIVATE", SysvIpc.IPC_PRIVATE);
        java.put("IPC_CREAT", SysvIpc.IPC_CREAT);
        java.put("IPC_EXCL", SysvIpc.IPC_EXCL);
        java.put("IPC_NOWAIT", SysvIpc.IPC_NOWAIT);
        java.put("IPC_RMID", SysvIpc.IPC_RMID);
        java.put("IPC_SET", SysvIpc.IPC_SET);
        java.put("IPC_STAT", SysvIpc.IPC_STAT);
        java.put("IPC_INFO", SysvIpc.IPC_INFO);
        java.put("MSG_NOERROR", SysvIpc.MSG_NOERROR);
        java.put("MSG_EXCEPT", SysvIpc.MSG_EXCEPT);
        java.put("MSG_COPY", SysvIpc.MSG_COPY);
        java.put("MSG_STAT", SysvIpc.MSG_STAT);
        java.put("SEM_UNDO", SysvIpc.SEM_UNDO);
        java.put("GETPID", SysvIpc.GETPID);
        java.put("GETVAL", SysvIpc.GETVAL);
        java.put("GETALL", SysvIpc.GETALL);
        java.put("GETNCNT", SysvIpc.GETNCNT);
        java.put("GETZCNT", SysvIpc.GETZCNT);
        java.put("SETVAL", SysvIpc.SETVAL);
        java.put("SETALL", SysvIpc.SETALL);
        java.put("SEM_STAT", SysvIpc.SEM_STAT);
        java.put("SHM_RDONLY", SysvIpc.SHM_RDONLY);
        java.put("SHM_RND", SysvIpc.SHM_RND);
        java.put("SHM_STAT", SysvIpc.SHM_STAT);
        StringBuilder c = new StringBuilder("#define _GNU_SOURCE\n#include <stdio.h>\n");
        for (String h : HEADERS) {
            c.append("#include <").append(h).append(">\n");
        }
        c.append("int main(void) {\n");
        for (String name : java.keySet()) {
            c.append("  printf(\"").append(name).append(" %d\\n\", (int) ").append(name).append(");\n");
        }
        c.append("  return 0;\n}\n");
        Path dir = Files.createTempDirectory("jipc-sysv-consts-");
        try {
            Path src = dir.resolve("consts.c");
            Path exe = dir.resolve("consts");
            Files.writeString(src, c);
            run("cc", "-o", exe.toString(), src.toString());
            Map<String, Integer> fromC = new HashMap<>();
            for (String line : run(exe.toString()).split("\n")) {
                String[] f = line.trim().split(" ");
                if (f.length == 2) {
                    fromC.put(f[0], Integer.parseInt(f[1]));
                }
            }
            assertEquals(java, fromC);
        } finally {
            Spawner.deleteTree(dir);
        }
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }
}
