/// A single self-contained HTML page with every frame of a timeline and a slider: no network,
/// no scripts from elsewhere (a content security policy forbids both). Without JavaScript the
/// frames are simply shown one after another.
public enum TimelinePage {
    public static func html(title: String, frames: [(caption: String, svg: String)]) -> String {
        var out = HTMLPage.opening(title: title + " — timeline", allowsScript: true) + """
            body { font-family: Helvetica, Arial, sans-serif; margin: 1.5rem; color: #222; }
            .controls { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #ddd; }
            input[type=range] { width: min(40rem, 90vw); }
            figure { margin: 1rem 0; }
            figcaption { font-weight: bold; white-space: pre-line; }
            svg { max-width: 100%; height: auto; }
            .js figure { display: none; }
            .js figure.current { display: block; }
            </style>
            </head>
            <body>
            <h1>\(XMLText.escaped(title)): timeline</h1>
            <div class="controls">
            <label for="frame">Frame <output id="position" for="frame">1 of \(frames.count)</output></label><br>
            <input type="range" id="frame" min="1" max="\(max(frames.count, 1))" value="1" step="1">
            </div>

            """
        for (index, frame) in frames.enumerated() {
            out += "<figure id=\"frame-\(index + 1)\"\(index == 0 ? " class=\"current\"" : "")>\n"
            out += "<figcaption>\(index + 1). \(XMLText.escaped(frame.caption))</figcaption>\n"
            out += inlined(frame.svg, prefix: "f\(index + 1)_") + "\n</figure>\n"
        }
        out += """
            <script>
            document.documentElement.className = 'js';
            (function () {
              var slider = document.getElementById('frame');
              var position = document.getElementById('position');
              var frames = document.querySelectorAll('figure');
              function show() {
                for (var i = 0; i < frames.length; i++) {
                  frames[i].className = (i + 1 === Number(slider.value)) ? 'current' : '';
                }
                position.textContent = slider.value + ' of ' + frames.length;
              }
              slider.addEventListener('input', show);
              show();
            })();
            </script>
            </body>
            </html>

            """
        return out
    }

    /// An SVG document made fit to sit inside HTML: no XML declaration or doctype, and its
    /// element IDs prefixed so frames do not share IDs.
    static func inlined(_ svg: String, prefix: String) -> String {
        var text = svg
        if let start = text.utf8Offset(of: "<svg") { text = String(decoding: Array(text.utf8)[start...], as: UTF8.self) }
        return text.replacingAll(" id=\"", with: " id=\"" + prefix)
    }
}
