import Foundation
import Hummingbird

/// `RosterBench trivial-server PORT`: the reference for the SCIM benchmark, a Hummingbird endpoint that does no
/// work: `GET /trivial` answers a fixed JSON body of the size of a SCIM user. Its throughput on this machine is the
/// ceiling for any Hummingbird route here.
enum TrivialServer {
    static let body = #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"2819c223-7f76-453a-919d-413861904646","userName":"user0","displayName":"User 0","active":true,"name":{"givenName":"User","familyName":"N0"},"emails":[{"value":"user0@bench.example","type":"work","primary":true}],"meta":{"resourceType":"User","version":"W/\"1\""}}"#

    static func run(port: Int) throws {
        let router = Router()
        router.get("trivial") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/scim+json"],
                     body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                FileHandle.standardOutput.write(Data("trivial-server: listening on http://127.0.0.1:\(channel.localAddress?.port ?? port)\n".utf8))
            })
        let semaphore = DispatchSemaphore(value: 0)
        Task {
            try? await app.runService()
            semaphore.signal()
        }
        semaphore.wait()
    }
}
