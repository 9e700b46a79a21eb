import RosterLDAP
import Testing

struct EscapingTests {
    @Test(arguments: [
        ("plain", "plain"), ("a*b", "a\\2ab"), ("(x)", "\\28x\\29"), ("back\\slash", "back\\5cslash"),
        ("nul\0", "nul\\00"), ("*)(uid=*))(|(uid=*", "\\2a\\29\\28uid=\\2a\\29\\29\\28|\\28uid=\\2a"), ("José", "José"),
    ])
    func filterValuesAreEscaped(_ value: String, _ expected: String) {
        #expect(LDAPFilter.escape(value) == expected)
    }

    @Test func filtersAreBuiltFromPartsWithEscapedValues() {
        let filter = LDAPFilter.and([.raw("(objectClass=inetOrgPerson)"), .equal("cn", "Smith, John (ext)"),
                                     .greaterOrEqual("modifyTimestamp", "20260101000000Z"), .not(.present("nsAccountLock"))])
        #expect(filter.description
            == "(&(objectClass=inetOrgPerson)(cn=Smith, John \\28ext\\29)(modifyTimestamp>=20260101000000Z)(!(nsAccountLock=*)))")
        #expect(LDAPFilter.substring("cn", initial: "a*", any: ["b"], final: nil).description == "(cn=a\\2a*b*)")
    }

    @Test(arguments: [
        ("Smith, John", "Smith\\, John"), (" lead", "\\ lead"), ("trail ", "trail\\ "), ("#hash", "\\#hash"),
        ("a+b=c;d<e>f\"g\\h", "a\\+b\\=c\\;d\\<e\\>f\\\"g\\\\h"), ("mid#dle", "mid#dle"),
    ])
    func dnValuesAreEscaped(_ value: String, _ expected: String) {
        #expect(DistinguishedName.escapeValue(value) == expected)
    }

    @Test(arguments: [
        ("cn=Smith\\, John,ou=People,dc=Example,dc=com", "CN=smith\\2C john, OU=people ,DC=example,DC=COM"),
        ("uid=ada,ou=people,dc=example,dc=com", "UID=Ada , ou=people,dc=example,dc=com"),
        ("cn=a+sn=b,dc=x", "sn=B+cn=A,dc=x"),
        ("cn=\"quoted, value\",dc=x", "cn=quoted\\, value,dc=x"),
    ])
    func equivalentDNsHaveTheSameKey(_ first: String, _ second: String) {
        #expect(DistinguishedName.key(first) == DistinguishedName.key(second))
    }

    @Test func differentDNsHaveDifferentKeys() {
        #expect(DistinguishedName.key("cn=Smith\\, John,dc=x") != DistinguishedName.key("cn=Smith,cn=John,dc=x"))
    }

    @Test func parsesEscapedAndHexValues() throws {
        let rdns = try #require(DistinguishedName.parse("cn=Smith\\2C John,ou=M\\C3\\BCller,dc=example"))
        #expect(rdns.map { $0.map(\.value) } == [["Smith, John"], ["Müller"], ["example"]])
        #expect(DistinguishedName.parse("no-equals-sign,dc=x") == nil)
    }
}

struct DistinguishedNameKeyTests {
    @Test(arguments: [
        "uid=ada,ou=people,dc=example,dc=com", "UID = Ada , OU=People,DC=Example,DC=com", "cn=Smith\\, John,dc=x",
        "cn=José,dc=x", "cn=a+sn=b,dc=x", "cn=\"q, v\",dc=x", "cn=#hash,dc=x", "cn=a=b,dc=x", "cn= spaced value ,dc=x",
        "ou=Groups,dc=Example,dc=COM",
    ])
    func theFastPathAgreesWithTheParser(_ dn: String) throws {
        let parsed = try #require(DistinguishedName.parse(dn))
        let slow = parsed.map { rdn in
            rdn.map { "\($0.type.lowercased())=\(DistinguishedName.escapeValue($0.value.lowercased()))" }.sorted()
                .joined(separator: "+")
        }.joined(separator: ",")
        #expect(DistinguishedName.key(dn) == slow)
    }
}
