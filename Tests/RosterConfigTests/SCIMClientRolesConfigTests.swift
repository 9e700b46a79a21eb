import Foundation
import RosterConfig
import RosterCore
import Testing

/// Issue 9, finding 7: SCIM roles are granted per client. The old global `scim.allowSuperuser` (any client could mint
/// superusers) is refused by name; `scim.maxRole` and `scim.clients.NAME` are read and checked.
struct SCIMClientRolesConfigTests {
    @Test func perClientRolesAreRead() throws {
        let directory = try ConfigurationLoaderTests.temporaryDirectory()
        let path = try ConfigurationLoaderTests.xml("""
            <key>scim</key>
            <dict>
                <key>maxRole</key><string>guest</string>
                <key>clients</key>
                <dict>
                    <key>okta</key><dict><key>maxRole</key><string>admin</string><key>roles</key><string>okta.plist</string></dict>
                    <key>workday</key><dict/>
                </dict>
            </dict>
            """, in: directory)
        let scim = try ConfigurationLoader.load(path: path, environment: [:]).configuration.scim
        #expect(scim.maxRole == "guest")
        #expect(scim.clients["okta"] == SCIMClientRoles(roles: "okta.plist", maxRole: "admin"))
        #expect(scim.clients["workday"] == SCIMClientRoles())
        #expect(SCIMSettings().maxRole == "member")
    }

    @Test func theGlobalSuperuserSwitchAndBadEntriesAreRefusedByName() throws {
        let directory = try ConfigurationLoaderTests.temporaryDirectory()
        let path = try ConfigurationLoaderTests.xml("""
            <key>scim</key>
            <dict>
                <key>allowSuperuser</key><true/>
                <key>clients</key>
                <dict>
                    <key>okta</key><dict><key>maxRole</key><string>owner</string><key>grant</key><true/></dict>
                </dict>
            </dict>
            """, in: directory)
        let issues = ConfigurationLoader.check(path: path, environment: [:])
        #expect(issues.contains { $0.keyPath == "scim.allowSuperuser" })
        #expect(issues.contains { $0.keyPath == "scim.clients.okta.maxRole" })
        #expect(issues.contains { $0.keyPath == "scim.clients.okta.grant" })
    }
}
