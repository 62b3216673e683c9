#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Remembers what a picture was drawn from, in a small file beside it (`.NAME.partsmap-cache`),
/// so drawing an unchanged map with the same options skips Graphviz.
///
/// The record holds a hash of the DOT and options, and the picture's size and modification
/// time: a picture changed or replaced by something else is drawn again.
package struct RenderCache {
    let output: String
    let hash: String

    package init(output: String, key: [String]) {
        self.output = output
        var value: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a, 64 bit
        for part in key {
            for byte in part.utf8 {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01B3
            }
            value ^= 0xFF
            value = value &* 0x0000_0100_0000_01B3
        }
        hash = String(value, radix: 16)
    }

    var recordPath: String {
        FileSystem.directory(of: output) + "/." + FileSystem.fileName(of: output) + ".partsmap-cache"
    }

    private var fingerprint: String? {
        FileSystem.stamp(output).map { "\(hash) \($0)\n" }
    }

    /// Whether the picture on disk was drawn from exactly this DOT and these options.
    package var isCurrent: Bool {
        guard let fingerprint, let recorded = try? FileSystem.readBytes(at: recordPath, limit: 4096) else { return false }
        return String(decoding: recorded, as: UTF8.self) == fingerprint
    }

    /// Notes that the picture now on disk was drawn from this DOT.
    package func record() {
        guard let fingerprint else { return }
        try? FileSystem.writeAtomically(fingerprint, to: recordPath, durable: false)  // a cache: no fsync
    }
}
