import Foundation
import RosterSecurity

/// `RosterBench hash [N]`: the cost of one argon2id hash (and one verification) at each configurable strength,
/// median of N runs, next to the configured minimum the access issue asks for (50 ms).
enum HashBenchmark {
    static func run(count: Int) throws {
        print("strength     hash median ms  verify median ms  PHC parameters")
        for (name, strength) in [("interactive", Argon2idPasswordHasher.Strength.interactive), ("moderate", .moderate)] {
            let hasher = Argon2idPasswordHasher(strength: strength)
            var hashTimes: [Double] = []
            var verifyTimes: [Double] = []
            var sample = ""
            for n in 0..<count {
                let password = "correct horse battery staple \(n)"
                let start = ContinuousClock.now
                sample = try hasher.hash(password)
                hashTimes.append(milliseconds(ContinuousClock.now - start))
                let verifyStart = ContinuousClock.now
                guard hasher.verify(password, against: sample) else { throw HashError() }
                verifyTimes.append(milliseconds(ContinuousClock.now - verifyStart))
            }
            let parameters = sample.split(separator: "$").dropFirst(2).first.map(String.init) ?? "?"
            print("\(name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(String(format: "%14.1f", median(hashTimes)))  \(String(format: "%16.1f", median(verifyTimes)))  \(parameters)")
        }
    }

    struct HashError: Error {}

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
