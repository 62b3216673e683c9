#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What Graphviz wrote, checked before it replaces a picture or goes into a report: a program
/// that exits 0 after writing garbage (a broken wrapper, a wrong `--graphviz`) must not
/// replace a good picture, nor have its output pasted into an HTML page.
///
/// SVG: after an optional XML declaration, comments and DOCTYPE, the root element is `<svg`,
/// the document ends with `</svg>`, and it holds no `<script`. PNG and PDF: their signatures.
enum PictureCheck {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func isValid(_ bytes: [UInt8], as format: OutputFormat) -> Bool {
        switch format {
        case .png: return bytes.starts(with: pngSignature)
        case .pdf: return bytes.starts(with: Array("%PDF-".utf8))
        case .svg: return isSVG(bytes)
        }
    }

    static func isSVG(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        func skipBlanks() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }
        func starts(_ text: String) -> Bool { bytes[index...].starts(with: Array(text.utf8)) }
        func skip(past end: String) -> Bool {
            let needle = Array(end.utf8)
            while index + needle.count <= bytes.count {
                if bytes[index..<index + needle.count].elementsEqual(needle) { index += needle.count; return true }
                index += 1
            }
            return false
        }
        // Prologue: declaration, comments, DOCTYPE (Graphviz writes all three).
        while true {
            skipBlanks()
            if starts("<?") { guard skip(past: "?>") else { return false }; continue }
            if starts("<!--") { guard skip(past: "-->") else { return false }; continue }
            if starts("<!DOCTYPE") { guard skip(past: ">") else { return false }; continue }
            break
        }
        guard starts("<svg"), index + 4 < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x3E].contains(bytes[index + 4]) else { return false }
        // The end: </svg> and nothing but blanks after it.
        var end = bytes.count
        while end > index, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        guard end - index >= 6, bytes[(end - 6)..<end].elementsEqual(Array("</svg>".utf8)) else { return false }
        // No script, in any letter case: each `<` found by `memchr` and looked at in place (a
        // picture of 60 parts is 140 kB, read while the person waits).
        let script = Array("script".utf8)
        return bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return true }
            var at = index
            while at + script.count < end {
                guard let found = memchr(base + at, 0x3C, end - at) else { return true }
                at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                guard at + script.count < end else { return true }
                var same = true
                for offset in 0..<script.count where bytes[at + 1 + offset] | 0x20 != script[offset] {
                    same = false
                    break
                }
                if same { return false }
                at += 1
            }
            return true
        }
    }
}
