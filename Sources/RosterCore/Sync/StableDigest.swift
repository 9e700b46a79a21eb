/// 64-bit FNV-1a digests: stable across runs and processes (unlike `Hasher`), for change detection only.
public enum StableDigest {
    /// The digest of a text, as 16 hex digits.
    public static func hex(_ text: String) -> String { hex(value(text)) }

    /// 16 hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The digest of a text.
    public static func value(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A digest of a collection of texts that does not depend on their order (a wrapping sum of mixed element
    /// digests, and their count), so a list need not be sorted to be compared.
    public static func unordered(_ texts: [String]) -> UInt64 {
        var sum: UInt64 = 0
        for text in texts {
            sum = sum &+ mix(value(text))
        }
        return combine(sum, UInt64(texts.count))
    }

    /// Combines digests in order.
    public static func combine(_ values: UInt64...) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            hash = mix(hash ^ value) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// SplitMix64's finaliser: spreads the bits, so that sums of digests do not cancel out.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
