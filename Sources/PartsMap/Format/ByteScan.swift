/// Scans of a map's bytes eight at a time, in one 64-bit word (the "SWAR" bit tricks).
///
/// Reading a map looks at every byte twice, to find the lines and to check the encoding, and
/// almost every byte is plain printable ASCII: testing eight bytes with a few word operations
/// instead of one by one makes both passes several times cheaper. A word that may hold a byte
/// of interest is then looked at byte by byte, so the answers are exactly those of a plain loop.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` is zero.
    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highBits != 0
    }

    /// Whether some byte of `word` is below `limit` (at most 0x80).
    @inline(__always)
    private static func hasByte(_ word: UInt64, below limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highBits != 0
    }

    /// The offset of the first `byte` in `buffer` from `start` on, or `buffer.count` when there is none.
    static func firstIndex(of byte: UInt8, in buffer: UnsafeRawBufferPointer, from start: Int) -> Int {
        let pattern = ones &* UInt64(byte)
        var index = start
        while index + 8 <= buffer.count,
              !hasZeroByte(buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ pattern) {
            index += 8
        }
        // The byte is within the next eight, or the buffer ends first.
        while index < buffer.count, buffer[index] != byte { index += 1 }
        return index
    }

    /// The offset of the first byte in `start..<end` that is not printable ASCII or a tab (a
    /// control character, DEL or any byte of a multi-byte sequence), or `end` when there is none.
    static func firstUnusual(in buffer: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int {
        var index = start
        while index + 8 <= end {
            let word = buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if word & highBits != 0 || hasByte(word, below: 0x20) || hasZeroByte(word ^ (ones &* 0x7F)) {
                // Something here, if only a tab: look byte by byte.
                for offset in index..<index + 8 where isUnusual(buffer[offset]) { return offset }
            }
            index += 8
        }
        while index < end, !isUnusual(buffer[index]) { index += 1 }
        return index
    }

    @inline(__always)
    private static func isUnusual(_ byte: UInt8) -> Bool {
        (byte >= 0x80 || byte < 0x20 || byte == 0x7F) && byte != UInt8(ascii: "\t")
    }
}
