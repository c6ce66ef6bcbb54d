package io.jipc.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backend lookup by scheme, with the test-only backend {@link LookupOnlyBackend} installed. */
class IpcLookupTest {
    @Test
    void unknownSchemeListsTheInstalledOnes() {
        IpcUnsupported e = assertThrows(IpcUnsupported.class, () -> Ipc.channel("nosuch:/x"));
        assertTrue(e.getMessage().contains("no backend for scheme 'nosuch'"), e.getMessage());
        assertTrue(e.getMessage().contains("lookuponly (jipc-api-tests: mutex)"), e.getMessage());
    }

    @Test
    void missingPrimitiveNamesTheSchemesThatHaveIt() {
        IpcUnsupported e = assertThrows(IpcUnsupported.class, () -> Ipc.region("lookuponly:/x"));
        assertTrue(e.getMessage().contains("scheme 'lookuponly' offers no region (it offers mutex)"), e.getMessage());
        IpcUnsupported m = assertThrows(IpcUnsupported.class, () -> Ipc.mutex("lookuponly:/x"));
        assertTrue(m.getMessage().contains("opening is refused"), m.getMessage());
        assertNotNull(Ipc.backend("lookuponly"));
    }

    @Test
    void malformedUriFailsBeforeLookup() {
        assertThrows(IpcUriException.class, () -> Ipc.channel("not a uri"));
    }
}
