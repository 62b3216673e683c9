import Foundation
import Testing

/// The real Mermaid (mermaid.min.js 11.16.0, put in place by scripts/install-mermaid.sh) in headless
/// Chromium: parses and renders diagrams and reports what each drew. No network: the page and
/// the script are files.
enum MermaidBrowser {
    /// What Mermaid made of one diagram.
    struct Drawing: Decodable {
        /// Whether `mermaid.parse` and `mermaid.render` both succeeded.
        var ok: Bool
        var error: String?
        /// Each node's label text (line breaks as "\n"), by the node ID written in the diagram.
        var nodes: [String: String]?
        /// The text of every non-empty edge label, in drawing order.
        var edgeLabels: [String]?
        /// How many edges were drawn (visible or not), loops (a node to itself) left out.
        var edges: Int?
        /// Every element name in the SVG (lower-cased), to prove no script or link came in.
        var elements: [String]?
    }

    static let script = TestSupport.packageRoot.appendingPathComponent(".build/tools/mermaid/mermaid.min.js")

    static var chromium: String? {
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Whether the check can run; without Chromium or the script it is skipped, except in CI
    /// (PARTSMAP_CI=1), where that is a failure.
    static func available(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard chromium != nil, FileManager.default.fileExists(atPath: script.path) else {
            if ProcessInfo.processInfo.environment["PARTSMAP_CI"] == "1" {
                Issue.record("Chromium and scripts/install-mermaid.sh are needed for the Mermaid check", sourceLocation: sourceLocation)
            }
            return false
        }
        return true
    }

    static let page = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>mermaid check</title>
        <script src="mermaid.min.js"></script><script src="diagrams.js"></script></head>
        <body><div id="stage"></div><pre id="out">pending</pre><script>
        mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
        (async () => {
          const results = [];
          const stage = document.getElementById('stage');
          for (let i = 0; i < DIAGRAMS.length; i++) {
            try {
              await mermaid.parse(DIAGRAMS[i]);
              const {svg} = await mermaid.render('d' + i, DIAGRAMS[i]);
              stage.innerHTML = svg;
              const text = (element) => {
                const copy = element.cloneNode(true);
                copy.querySelectorAll('br').forEach((br) => br.replaceWith('\\n'));
                return copy.textContent;
              };
              const nodes = {};
              stage.querySelectorAll('g.node').forEach((node) => {
                const match = /^d\\d+-flowchart-(.+)-\\d+$/.exec(node.id);
                nodes[match ? match[1] : node.id] = text(node);
              });
              const edgeLabels = [...stage.querySelectorAll('g.edgeLabels .edgeLabel')].map(text).filter((t) => t !== '');
              const edges = [...stage.querySelectorAll('g.edgePaths path')].filter((p) => !/L_(.+)_\\1_\\d+$/.test(p.id)).length;
              const elements = [...new Set([...stage.querySelectorAll('*')].map((e) => e.localName.toLowerCase()))].sort();
              results.push({ok: true, nodes, edgeLabels, edges, elements});
            } catch (e) {
              results.push({ok: false, error: String((e && e.message) || e)});
            }
          }
          document.getElementById('out').textContent = JSON.stringify(results);
        })();
        </script></body></html>
        """

    /// Parses and renders every diagram in one browser run.
    static func draw(_ diagrams: [String]) throws -> [Drawing] {
        guard let chromium else { return [] }
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        try FileManager.default.copyItem(at: script, to: folder.appendingPathComponent("mermaid.min.js"))
        let json = String(decoding: try JSONSerialization.data(withJSONObject: diagrams), as: UTF8.self)
        try ("window.DIAGRAMS = " + json + ";\n").write(to: folder.appendingPathComponent("diagrams.js"), atomically: true, encoding: .utf8)
        try page.write(to: folder.appendingPathComponent("page.html"), atomically: true, encoding: .utf8)
        let result = try TestSupport.run("/usr/bin/timeout", [
            "300", chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync",
            "--user-data-dir=" + folder.appendingPathComponent("profile").path,
            "--virtual-time-budget=600000", "--dump-dom", folder.appendingPathComponent("page.html").absoluteString,
        ])
        guard let start = result.stdout.range(of: "<pre id=\"out\">"),
              let end = result.stdout.range(of: "</pre>", range: start.upperBound..<result.stdout.endIndex) else {
            Issue.record("Chromium gave no result (status \(result.status)): \(result.stderr.suffix(500))")
            return []
        }
        // --dump-dom writes the text as HTML: undo its escapes (&amp; last).
        let text = result.stdout[start.upperBound..<end.lowerBound]
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&nbsp;", with: "\u{A0}").replacingOccurrences(of: "&amp;", with: "&")
        guard text != "pending" else {
            Issue.record("Mermaid did not finish in the browser's time budget")
            return []
        }
        return try JSONDecoder().decode([Drawing].self, from: Data(text.utf8))
    }
}
