import Foundation

extension UUID {
    /// The lower-case canonical text form (`5b0e…-…`), as the store keeps ids. Formatted by hand: `uuidString`
    /// goes through `snprintf` and then needs lower-casing, which shows on bulk imports of 100,000 accounts.
    public var lowercasedText: String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        return withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var position = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        buffer[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    buffer[position] = hex[Int(byte >> 4)]
                    buffer[position + 1] = hex[Int(byte & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }
}
