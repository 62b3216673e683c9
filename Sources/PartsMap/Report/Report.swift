/// The report of a map: one self-contained page a therapist can read, print or hand on — the
/// picture, a card per part, the relationships, the session log, the Self-energy chart and
/// each part's journey. HTML carries the picture inside itself; Markdown is for clinical notes.
public enum Report {
    /// The report as Markdown, with the picture as a Mermaid diagram (drawn by GitHub, Obsidian
    /// and other Markdown tools). Applies the settings' view and redaction.
    public static func markdown(for map: SystemMap, settings: PictureSettings = PictureSettings()) throws(MapView.ViewError) -> String {
        let prepared = try settings.prepare(map)
        let model = ReportModel(map: prepared.map, view: settings.view, redacted: settings.redact)
        return ReportMarkdown.markdown(model, mermaid: MermaidWriter(style: prepared.writer.style).mermaid(for: prepared.map))
    }

    /// The report as one HTML page. With a `renderer`, the picture is drawn by Graphviz and
    /// embedded as SVG (its warnings are returned, and `fallback` says what was changed when
    /// Graphviz could only draw a simpler picture: `RenderAttempt.chain`); without one the page
    /// says the picture is missing and how to draw it. The settings' legend is always shown.
    /// `progress` runs once if drawing takes more than a second.
    public static func html(for map: SystemMap, settings: PictureSettings = PictureSettings(), renderer: GraphvizRenderer?,
                            progress: (@Sendable () -> Void)? = nil) throws(ReportError)
        -> (html: String, warnings: String, fallback: String?) {
        var settings = settings
        settings.legend = true
        // Drawn closer, as for paper: the report is printed as often as it is read on screen.
        if settings.page == nil { settings.page = .a4 }
        let prepared: PictureSettings.Prepared
        do {
            prepared = try settings.prepare(map)
        } catch {
            throw .view(error)
        }
        let model = ReportModel(map: prepared.map, view: settings.view, redacted: settings.redact)
        guard let renderer else {
            let missing = "Graphviz was not installed when this report was made. Draw the map with 'partsmap render'."
            return (ReportHTML.html(model, picture: .missing(missing)), "", nil)
        }
        do {
            let drawn = try ReportPicture.svg(settings.attempts(prepared), renderer: renderer, budget: settings.budget, progress: progress)
            return (ReportHTML.html(model, picture: .svg(drawn.svg)), drawn.outcome.warnings, drawn.outcome.fallback)
        } catch {
            throw .render(error)
        }
    }
}

/// Why a report could not be made.
public enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The view names a part or session the map does not have.
    case view(MapView.ViewError)
    /// Graphviz could not draw the picture.
    case render(RenderError)

    public var description: String {
        switch self {
        case .view(let error): return error.description
        case .render(let error): return error.description
        }
    }
}
