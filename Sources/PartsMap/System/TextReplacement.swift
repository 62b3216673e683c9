/// Plain substring search and replacement on UTF-8 bytes. (PartsMap leaves the regex and
/// string-processing runtime out to start faster, so it carries these few lines itself.)
extension String {
    /// The byte offset of the first occurrence of `target`, if any.
    func utf8Offset(of target: String) -> Int? {
        let haystack = Array(utf8)
        let needle = Array(target.utf8)
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }

    /// Every occurrence of `target` replaced by `replacement`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let haystack = Array(utf8)
        let needle = Array(target.utf8)
        guard !needle.isEmpty else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(haystack.count)
        let substitute = Array(replacement.utf8)
        var index = 0
        while index < haystack.count {
            if haystack[index] == needle[0], index + needle.count <= haystack.count,
               haystack[index..<(index + needle.count)].elementsEqual(needle) {
                out += substitute
                index += needle.count
            } else {
                out.append(haystack[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
