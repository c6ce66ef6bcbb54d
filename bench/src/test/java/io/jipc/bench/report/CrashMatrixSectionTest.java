package io.jipc.bench.report;

import io.jipc.bench.verify.CrashMatrix;
import io.jipc.bench.verify.CrashRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's crash-matrix section: drawn from the file {@code jipc verify --out} writes, absent without it. */
class CrashMatrixSectionTest {
    @Test
    void rendersTheFileWrittenByVerify(@TempDir Path dir) throws Exception {
        assertEquals(CrashMatrix.JSON_FILE, CrashMatrixSection.FILE);
        List<CrashRow> rows = List.of(
                new CrashRow("posix", "holder killed", "lock released", "no", "no", true, "tryLock(2 s) timed out"),
                new CrashRow("fifo", "receiver killed", "new receiver gets the rest", "no", "yes", false, "0 of 4"));
        Files.writeString(dir.resolve(CrashMatrix.JSON_FILE), CrashMatrix.json(rows));
        Doc doc = new Doc("t");
        CrashMatrixSection.append(doc, dir);
        String md = doc.markdown();
        assertTrue(md.contains("Crash matrix: observed vs declared"), md);
        assertTrue(md.contains("| posix | holder killed | lock released | no | no | agrees |"), md);
        assertTrue(md.contains("**DISAGREES**"), md);
        assertTrue(md.contains("1 check(s) disagree"), md);
        assertTrue(doc.html().contains("Crash matrix"), "the HTML too");
    }

    @Test
    void noFileNoSection(@TempDir Path dir) {
        Doc doc = new Doc("t");
        CrashMatrixSection.append(doc, dir);
        assertFalse(doc.markdown().contains("Crash matrix"));
    }

    @Test
    void aBrokenFileSaysSoInsteadOfFailingTheReport(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(CrashMatrix.JSON_FILE), "{not json");
        Doc doc = new Doc("t");
        CrashMatrixSection.append(doc, dir);
        assertTrue(doc.markdown().contains("could not be read"), doc.markdown());
    }
}
