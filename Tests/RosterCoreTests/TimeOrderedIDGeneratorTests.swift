import Foundation
import RosterCore
import Testing

@Suite struct TimeOrderedIDGeneratorTests {
    @Test func idsAreVersion7AndSortInTheOrderTheyWereMade() {
        let generator = TimeOrderedIDGenerator()
        let ids = (0..<20_000).map { _ in generator.next().lowercasedText }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            let hex = Array(id.replacingOccurrences(of: "-", with: ""))
            #expect(hex[12] == "7")  // version
            #expect(["8", "9", "a", "b"].contains(hex[16]))  // RFC 9562 variant
        }
        // The first 48 bits are the Unix time in milliseconds.
        let millis = UInt64(ids[0].replacingOccurrences(of: "-", with: "").prefix(12), radix: 16) ?? 0
        #expect(abs(Double(millis) / 1000 - Date().timeIntervalSince1970) < 60)
    }
}
