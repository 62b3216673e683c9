/// Text that has broken DOT, SVG and HTML writers elsewhere: every output must show it literally.
enum HostileText {
    static let corpus: [String] = [
        "plain name",
        "say \"hi\"",
        "back\\slash",
        "trailing backslash\\",
        "\\N \\G \\E \\T \\H \\L \\l \\n \\r",
        "\"]; evil [label=\"x",
        "\"]; x [label=\"",
        "<script>alert(1)</script>",
        "&amp; &lt; &#128512; &",
        "]]> <![CDATA[ x ]]>",
        "two\nlines",
        "carriage\r\nreturn",
        "tab\there",
        "עברית mixed with English",
        "e\u{301} combining, Z\u{308}\u{321}",
        "👩‍👩‍👧 family, 🧑🏽‍🚒",
        "url: javascript:alert(1)",
        "// not a comment /* nor this */ # nor this",
        "digraph strict node edge subgraph",
        "{ } [ ] ; , = -> --",
    ]

    /// 100,000 characters, well past Graphviz's 16 KB limit for one quoted run.
    static let long = String(repeating: "grief and numbness ", count: 5_264)
}
