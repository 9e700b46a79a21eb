import Foundation
import RosterTesting
import Testing

/// A `roster serve` with TLS from the config, on a certificate for `localhost`/`127.0.0.1` signed by a throwaway CA
/// (`ca.pem` in the folder), and the shell the TLS tests drive openssl and curl with.
enum TLSServerFixture {
    /// Runs `command` with bash in `directory`: exit status and stdout+stderr together (stdin is empty).
    static func shell(_ command: String, in directory: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Makes the CA and server certificate in `directory` and starts the server; `extraSCIMKeys` go into `scim`.
    static func server(in directory: TemporaryDirectory, extraSCIMKeys: String = "") throws -> (CLIEnvironment, ServerProcess) {
        let made = try shell("""
            openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Roster Test CA" -keyout ca.key -out ca.pem &&
            openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr &&
            printf "subjectAltName=DNS:localhost,IP:127.0.0.1\\n" > ext.cnf &&
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile ext.cnf -out server.pem
            """, in: directory.path)
        #expect(made.status == 0, "\(made.output)")
        let env = try CLIEnvironment(extraKeys: """
            <key>scim</key><dict>
              <key>tlsCertificate</key><string>\(directory.file("server.pem"))</string>
              <key>tlsKey</key><string>\(directory.file("server.key"))</string>
              \(extraSCIMKeys)
            </dict>
            """, environment: ["ROSTER_MAPPINGS": SlapdHarness.repository.appendingPathComponent("Mappings").path])
        return (env, try ServerProcess(runner: env.runner))
    }
}
