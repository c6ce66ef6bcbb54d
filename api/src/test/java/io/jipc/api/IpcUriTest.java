package io.jipc.api;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpcUriTest {
    @Test
    void parsesSchemePathAndOptions() {
        IpcUri u = IpcUri.parse("sysv:/etc/app?proj=7&mode=0640&open=create");
        assertEquals("sysv", u.scheme());
        assertEquals("/etc/app", u.path());
        assertEquals(7, u.intOption("proj", 0, 0, 255));
        assertEquals(0640, u.mode());
        assertEquals(Open.CREATE, u.open());
        assertEquals("sysv:/etc/app?proj=7&mode=0640&open=create", u.toString());
    }

    @Test
    void defaultsAndBarePaths() {
        IpcUri u = IpcUri.parse("sysv:private");
        assertEquals("private", u.path());
        assertEquals(IpcUri.DEFAULT_MODE, u.mode());
        assertEquals(Open.OPEN_OR_CREATE, u.open());
        IpcUri empty = IpcUri.parse("anon:?size=4k");
        assertFalse(empty.hasPath());
        assertEquals(4096, empty.sizeOption("size", 0, 1, Long.MAX_VALUE));
    }

    @Test
    void numbersSizesAndBooleans() {
        IpcUri u = IpcUri.parse("x:?key=0x4a1&size=2m&big=1g&flag=yes&n=-3");
        assertEquals(0x4a1, u.longOption("key", 0, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(2L << 20, u.sizeOption("size", 0, 0, Long.MAX_VALUE));
        assertEquals(1L << 30, u.sizeOption("big", 0, 0, Long.MAX_VALUE));
        assertTrue(u.booleanOption("flag", false));
        assertEquals(-3, u.longOption("n", 0, -10, 10));
        assertEquals(5, u.longOption("absent", 5, 0, 10));
    }

    @Test
    void percentEscapesAreDecoded() {
        IpcUri u = IpcUri.parse("fcntl:/tmp/a%20b%3Fc?mode=0600");
        assertEquals("/tmp/a b?c", u.path());
    }

    @Test
    void malformedUrisNameTheBadPart() {
        assertPart("nocolon", "scheme");
        assertPart(":/x", "scheme");
        assertPart("Sysv:/x", "scheme 'Sysv'");
        assertPart("sysv:/x?", "options");
        assertPart("sysv:/x?a=1&&b=2", "options");
        assertPart("sysv:/x?proj", "option 'proj'");
        assertPart("sysv:/x?proj=", "option 'proj'");
        assertPart("sysv:/x?proj=1&proj=2", "option 'proj'");
        assertPart("sysv:/x?Bad=1", "option 'Bad'");
        assertPart("sysv:/x?mode=999", "option 'mode'");
        assertPart("sysv:/x?mode=01000", "option 'mode'");
        assertPart("sysv:/x?open=sometimes", "option 'open'");
        assertPart("sysv:/x%zz", "path");
        assertPart("sysv:/x%00", "path");
    }

    @Test
    void valuesOutOfRangeOrOfTheWrongKindNameTheOption() {
        IpcUri u = IpcUri.parse("sysv:/x?proj=300&size=-1&flag=maybe&n=abc&size2=12q");
        IpcUriException e = assertThrows(IpcUriException.class, () -> u.intOption("proj", 0, 0, 255));
        assertTrue(e.getMessage().contains("300 is outside 0..255"), e.getMessage());
        assertThrows(IpcUriException.class, () -> u.sizeOption("size", 1, 1, 100));
        assertThrows(IpcUriException.class, () -> u.booleanOption("flag", false));
        assertThrows(IpcUriException.class, () -> u.longOption("n", 0, 0, 10));
        assertThrows(IpcUriException.class, () -> u.sizeOption("size2", 0, 0, 100));
        assertThrows(IpcUriException.class, () -> u.choiceOption("flag", "a", Set.of("a", "b")));
    }

    @Test
    void unknownOptionsAreRejectedWithTheKnownOnesListed() {
        IpcUri u = IpcUri.parse("posix:/q?maxmsg=10&colour=blue");
        IpcUriException e = assertThrows(IpcUriException.class, () -> u.checkOptions("posix channel", Set.of("maxmsg", "msgsize")));
        assertEquals("option 'colour'", e.part());
        assertTrue(e.getMessage().contains("[maxmsg, mode, msgsize, open]"), e.getMessage());
        IpcUri.parse("posix:/q?maxmsg=10&mode=0600").checkOptions("posix channel", Set.of("maxmsg"));
    }

    @Test
    void nullIsRejected() {
        assertThrows(IpcUriException.class, () -> IpcUri.parse(null));
    }

    private static void assertPart(String uri, String part) {
        IpcUriException e = assertThrows(IpcUriException.class, () -> IpcUri.parse(uri), uri);
        assertEquals(part, e.part(), e.getMessage());
        assertTrue(e.getMessage().contains(uri), e.getMessage());
    }
}
