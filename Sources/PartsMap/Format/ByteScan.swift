/// Scans of a map's bytes eight at a time, in one 64-bit word (the "SWAR" bit tricks).
///
/// Reading a map looks at every byte, to find the lines and to check the encoding, and almost
/// every byte is plain printable ASCII: testing eight bytes with a few word operations instead of
/// one by one makes these passes several times cheaper. The answers are exactly those of a plain
/// loop over the bytes.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset`, the first in the lowest bits whatever the machine's byte order.
    @inline(__always)
    private static func word(_ buffer: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The high bit of each zero byte of `word`, exact up to the first zero byte (a borrow may
    /// mark bytes after it): nonzero when some byte is zero, and its lowest bit marks the first.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highBits
    }

    /// Whether some byte of `word` is below `limit` (at most 0x80).
    @inline(__always)
    private static func hasByte(_ word: UInt64, below limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highBits != 0
    }

    /// Appends to `lineStarts` the offset after each newline in `buffer`; returns whether every
    /// other byte is printable ASCII or a tab (then no line needs its encoding checked).
    static func findLines(in buffer: UnsafeRawBufferPointer, lineStarts: inout [Int]) -> Bool {
        var isPlain = true
        var index = 0
        while index < buffer.count {
            // Eight bytes without a control character (a newline is one), DEL or non-ASCII byte
            // need no closer look.
            if index + 8 <= buffer.count {
                let word = word(buffer, at: index)
                if word & highBits == 0 && !hasByte(word, below: 0x20) && zeroBytes(word ^ (ones &* 0x7F)) == 0 {
                    index += 8
                    continue
                }
            }
            for offset in index..<min(index + 8, buffer.count) {
                let byte = buffer[offset]
                if byte == UInt8(ascii: "\n") {
                    lineStarts.append(offset + 1)
                } else if isUnusual(byte) {
                    isPlain = false
                }
            }
            index += 8
        }
        return isPlain
    }

    /// The offset of the first byte in `start..<end` that is not printable ASCII or a tab (a
    /// control character, DEL or any byte of a multi-byte sequence), or `end` when there is none.
    static func firstUnusual(in buffer: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int {
        var index = start
        while index + 8 <= end {
            let word = word(buffer, at: index)
            // A byte from 0x80, below 0x20 (a tab too) or DEL: look at these eight one by one.
            if word & highBits != 0 || hasByte(word, below: 0x20) || zeroBytes(word ^ (ones &* 0x7F)) != 0 {
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
