package io.jipc.bench.report;

/** Test evidence with no Surefire reports. */
final class TestEvidenceStub {
    static final TestEvidence NONE = TestEvidence.empty();

    private TestEvidenceStub() {
    }
}
