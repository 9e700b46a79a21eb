extension DirectoryMapping {
    /// How an anchor attribute's raw value becomes the anchor string.
    public enum AnchorFormat: String, Sendable, Hashable, CaseIterable, Codable {
        /// The value is text already (entryUUID, nsUniqueId, ipaUniqueID).
        case string
        /// 16 bytes in Active Directory's objectGUID layout, written as a GUID string.
        case guid
        /// Any bytes, written as lower-case hex.
        case hex

        /// Formats raw attribute bytes; `nil` when a GUID does not have 16 bytes.
        public func format(_ bytes: [UInt8]) -> String? {
            switch self {
            case .string:
                return String(decoding: bytes, as: UTF8.self)
            case .hex:
                return Self.hex(bytes[...])
            case .guid:
                guard bytes.count == 16 else { return nil }
                // The first three fields are little-endian; the last two are kept as they come.
                let data1 = Self.hex(bytes[0..<4].reversed()[...])
                let data2 = Self.hex(bytes[4..<6].reversed()[...])
                let data3 = Self.hex(bytes[6..<8].reversed()[...])
                return "\(data1)-\(data2)-\(data3)-\(Self.hex(bytes[8..<10]))-\(Self.hex(bytes[10..<16]))"
            }
        }

        private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
            let digits = Array("0123456789abcdef")
            var text = ""
            text.reserveCapacity(bytes.count * 2)
            for byte in bytes {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0xF)])
            }
            return text
        }
    }
}
