/// The opening of every HTML page partsmap writes (report, worksheet, timeline): one
/// self-contained document whose content security policy forbids loading anything, so a page
/// opened from a clinical folder can never reach the network.
enum HTMLPage {
    /// `<!DOCTYPE html>` through `<style>`; the caller adds its CSS, then `</style></head>`.
    /// The page may not run any script; a page with a script (the timeline) names it by its hash
    /// through `policy(style:script:)`.
    static func opening(title: String) -> String {
        opening(title: title, policy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    }

    /// The policy that allows exactly one style block and one script, by their SHA-256 hashes,
    /// and nothing else: no inline `style=` or event attributes, nothing from anywhere.
    static func policy(style: String, script: String) -> String {
        "default-src 'none'; style-src \(SHA256.policySource(for: style)); script-src \(SHA256.policySource(for: script)); "
            + "base-uri 'none'; form-action 'none'"
    }

    /// The same opening with a policy of the caller's: the page's CSS must then follow exactly as
    /// hashed in `policy(style:script:)`.
    static func opening(title: String, policy: String) -> String {
        """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(policy)">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="partsmap \(partsMapVersion)">
            <title>\(XMLText.escaped(title))</title>
            <style>

            """
    }
}
