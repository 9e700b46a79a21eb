import Foundation
import Testing

/// `roster` creates its store readable by its owner only, whatever the umask it runs with.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct StoreFileModeCLITests {
    @Test func usersCreateOnAFreshPathMakesOwnerOnlyFiles() throws {
        let env = try CLIEnvironment()
        let created = try env.run("users", "create", "--email", "ada@example.com")
        #expect(created.status == 0, "\(created.stderr)")
        let folder = env.directory.file("store")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.contains("roster.sqlite"))
        for file in files {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + file)
            let mode = try #require(attributes[.posixPermissions] as? Int) & 0o777
            #expect(mode == 0o600, "\(file) is \(String(mode, radix: 8))")
        }
    }
}
