import Foundation
import RosterTesting
import Testing

/// The slapd harness picks its ports without a bind-and-release check: when slapd cannot bind a pair, it tries another.
@Suite(.enabled(if: SlapdHarness.shouldRun), .serialized, .timeLimit(.minutes(2)))
struct SlapdHarnessTests {
    @Test func aTakenLDAPPortIsSkipped() throws {
        let taken = try LoopbackListener()
        let slapd = try SlapdHarness(ldif: [], trying: [taken.port])
        #expect(slapd.port != taken.port)
        try slapd.modify("dn: ou=extra,dc=example,dc=com\nchangetype: add\nobjectClass: organizationalUnit\nou: extra\n")
    }

    @Test func aTakenLDAPSPortIsSkipped() throws {
        let taken = try LoopbackListener()
        let slapd = try SlapdHarness(ldif: [], trying: [taken.port - 1])
        #expect(slapd.port != taken.port - 1)
        try slapd.modify("dn: ou=extra,dc=example,dc=com\nchangetype: add\nobjectClass: organizationalUnit\nou: extra\n")
    }
}
