import CSodium
import RosterCore

/// Temporary passwords and 256-bit bearer tokens from libsodium's CSPRNG; tokens are stored as SHA-256.
public struct SodiumSecretGenerator: SecretGenerator {
    /// Letters and digits without look-alikes (no 0/O, 1/l/I).
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")

    public init() {
        _ = Sodium.ready
    }

    public func temporaryPassword(length: Int) -> String {
        String((0..<max(length, 12)).map { _ in Self.alphabet[Int(Sodium.uniform(UInt32(Self.alphabet.count)))] })
    }

    public func token() -> String {
        Base64URL.encode(Sodium.randomBytes(32))
    }

    public func tokenHash(_ token: String) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        let bytes = Array(token.utf8)
        _ = crypto_hash_sha256(&digest, bytes, UInt64(bytes.count))
        return digest
    }
}

/// URL-safe base64 without padding (RFC 4648 §5).
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var out = ""
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * $1.offset) }
            for position in 0..<(chunk.count + 1) {
                out.append(table[Int((value >> (18 - 6 * position)) & 0x3F)])
            }
            index += 3
        }
        return out
    }
}
