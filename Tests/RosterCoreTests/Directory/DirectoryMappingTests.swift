import Foundation
import RosterCore
import Testing

struct DirectoryMappingTests {
    @Test(arguments: [
        ("openldap.plist", DirectoryMapping.openLDAP),
        ("activedirectory.plist", DirectoryMapping.activeDirectory),
        ("freeipa.plist", DirectoryMapping.freeIPA),
    ])
    func shippedMappingsEqualPresets(_ file: String, _ preset: DirectoryMapping) throws {
        let dict = try DirectoryFixtures.propertyList(file)
        let mapping = try DirectoryMapping.fromPropertyList(dict, source: file)
        #expect(mapping == preset)
    }

    @Test func requestedAttributesCoverEveryField() {
        let ad = DirectoryMapping.activeDirectory
        #expect(ad.userAttributes == [
            "objectGUID", "sAMAccountName", "userPrincipalName", "displayName", "givenName", "sn", "mail",
            "userAccountControl", "msDS-User-Account-Control-Computed", "uSNChanged",
        ])
        #expect(ad.groupAttributes == ["objectGUID", "cn", "displayName", "member", "uSNChanged"])
        // 389-DS's memberOf lists nested groups too: the freeipa preset reads member DNs only (DS389SyncTests).
        #expect(!DirectoryMapping.freeIPA.userAttributes.contains("memberOf"))
        #expect(DirectoryMapping.freeIPA.groupAttributes.contains("member"))
        #expect(DirectoryMapping.openLDAP.groupAttributes.contains("memberUid"))
        #expect(DirectoryMapping.openLDAP.userAttributes.filter { $0 == "uid" }.count == 1)
    }

    @Test(arguments: [
        (DirectoryMapping.DisabledRule.userAccountControlBit(attribute: "userAccountControl", mask: 2), ["514"], true),
        (.userAccountControlBit(attribute: "userAccountControl", mask: 2), ["512"], false),
        (.booleanAttribute(attribute: "nsAccountLock", disabledWhen: "TRUE"), ["true"], true),
        (.booleanAttribute(attribute: "nsAccountLock", disabledWhen: "TRUE"), ["FALSE"], false),
        (.presence(attribute: "pwdAccountLockedTime"), ["000001010000Z"], true),
        (.presence(attribute: "pwdAccountLockedTime"), [], false),
        (.none, ["anything"], false),
    ])
    func disabledRules(_ rule: DirectoryMapping.DisabledRule, _ values: [String], _ disabled: Bool) {
        #expect(rule.isDisabled(values: values) == disabled)
    }

    /// AD: disabled (userAccountControl 0x2) or locked out (msDS-User-Account-Control-Computed 0x10) is inactive;
    /// `lockoutTime` alone is not read (it stays set after a lockout expires).
    @Test(arguments: [
        (["userAccountControl": ["512"], "msDS-User-Account-Control-Computed": ["0"]], false),
        (["userAccountControl": ["514"], "msDS-User-Account-Control-Computed": ["0"]], true),
        (["userAccountControl": ["512"], "msDS-User-Account-Control-Computed": ["16"]], true),
        (["userAccountControl": ["512"], "lockoutTime": ["134000000000000000"]], false),
        (["userAccountControl": ["512"]], false),
    ])
    func activeDirectoryTreatsLockedOutAccountsAsInactive(_ entry: [String: [String]], _ inactive: Bool) {
        let rule = DirectoryMapping.activeDirectory.disabled
        #expect(rule.attributes == ["userAccountControl", "msDS-User-Account-Control-Computed"])
        #expect(rule.isDisabled(valuesOf: { entry[$0] ?? [] }) == inactive)
        #expect(DirectoryMapping.activeDirectory.userAttributes.contains("msDS-User-Account-Control-Computed"))
    }

    @Test func anyOfRulesReportTheirKeyPaths() {
        let base: [String: Any] = [
            "name": "x", "userFilter": "(a=b)", "groupFilter": "(c=d)", "anchorAttributes": ["entryUUID"],
            "groupAnchorAttributes": ["entryUUID"], "userNameAttributes": ["uid"], "modifyWatermark": "usnChanged",
            "membership": [["kind": "memberOf", "attribute": "memberOf"]],
        ]
        let cases: [(Any, String)] = [
            (["kind": "anyOf"], "x.plist: disabled.rules: missing required key"),
            (["kind": "anyOf", "rules": [Any]()], "x.plist: disabled.rules: must list at least one rule"),
            (["kind": "anyOf", "rules": ["x"]], "x.plist: disabled.rules[0]: expected a dictionary"),
            (["kind": "anyOf", "rules": [["kind": "anyOf", "rules": [Any]()]]], "x.plist: disabled.rules[0].kind: anyOf cannot be nested"),
            (["kind": "anyOf", "rules": [["kind": "presence"]]], "x.plist: disabled.rules[0].attribute: missing required key"),
        ]
        for (disabled, message) in cases {
            var dict = base
            dict["disabled"] = disabled
            let error = #expect(throws: RosterError.self) { try DirectoryMapping.fromPropertyList(dict, source: "x.plist") }
            #expect(error?.details.contains { $0.hasPrefix(message) } == true, "\(message): \(error?.details ?? [])")
        }
    }

    @Test func formatsObjectGUIDLikeWindows() {
        // 2db2c8b1-a4f2-4b7c-9f6e-0123456789ab, as AD stores it.
        let bytes: [UInt8] = [0xb1, 0xc8, 0xb2, 0x2d, 0xf2, 0xa4, 0x7c, 0x4b, 0x9f, 0x6e, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab]
        #expect(DirectoryMapping.AnchorFormat.guid.format(bytes) == "2db2c8b1-a4f2-4b7c-9f6e-0123456789ab")
        #expect(DirectoryMapping.AnchorFormat.guid.format([1, 2]) == nil)
        #expect(DirectoryMapping.AnchorFormat.hex.format([0x0a, 0xff]) == "0aff")
    }

    @Test func malformedMappingReportsEveryProblemWithItsKeyPath() throws {
        let dict: [String: Any] = [
            "name": "broken",
            "userFilter": 42,
            "anchorAttributes": [String](),
            "anchorFormat": "base64",
            "groupAnchorAttributes": ["entryUUID"],
            "userNameAttributes": ["uid", 7],
            "disabled": ["attribute": "nsAccountLock", "colour": "red"],
            "membership": [["kind": "memberDNs", "ranged": "yes"], ["kind": "memberOf", "attribute": "memberOf", "extra": 1], "x"],
            "modifyWatermark": "modifyTimestamp",
            "favouriteColour": "blue",
        ]
        let error = try #require(throws: RosterError.self) {
            try DirectoryMapping.fromPropertyList(dict, source: "broken.plist")
        }
        #expect(error.code == .invalidArgument)
        let expected = [
            "broken.plist: favouriteColour: unknown key",
            "broken.plist: userFilter: expected a string",
            "broken.plist: groupFilter: missing required key",
            "broken.plist: anchorAttributes: must list at least one value",
            "broken.plist: anchorFormat: unknown value 'base64'",
            "broken.plist: userNameAttributes[1]: expected a non-empty string",
            "broken.plist: disabled.kind: missing required key",
            "broken.plist: disabled.colour: unknown key",
            "broken.plist: membership[0].attributes: missing required key",
            "broken.plist: membership[0].ranged: expected a boolean",
            "broken.plist: membership[1].extra: unknown key",
            "broken.plist: membership[2]: expected a dictionary",
        ]
        for prefix in expected {
            #expect(error.details.contains { $0.hasPrefix(prefix) }, "missing: \(prefix)")
        }
        #expect(error.details.count == expected.count, "\(error.details)")
    }

    @Test func rejectsUnknownDisabledKindAndDuplicateMembership() {
        let dict: [String: Any] = [
            "name": "x", "userFilter": "(a=b)", "groupFilter": "(c=d)", "anchorAttributes": ["entryUUID"],
            "groupAnchorAttributes": ["entryUUID"], "userNameAttributes": ["uid"], "modifyWatermark": "usnChanged",
            "disabled": ["kind": "sometimes"],
            "membership": [["kind": "memberOf", "attribute": "memberOf"], ["kind": "memberOf", "attribute": "isMemberOf"]],
        ]
        #expect(throws: RosterError.matching(.invalidArgument)) {
            try DirectoryMapping.fromPropertyList(dict, source: "x.plist")
        }
    }
}
