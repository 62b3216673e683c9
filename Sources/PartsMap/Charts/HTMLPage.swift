/// The opening of every HTML page partsmap writes (report, worksheet, timeline): one
/// self-contained document whose content security policy forbids loading anything, so a page
/// opened from a clinical folder can never reach the network.
enum HTMLPage {
    /// `<!DOCTYPE html>` through `<style>`; the caller adds its CSS, then `</style></head>`.
    /// `allowsScript` permits inline script only (the timeline's slider).
    static func opening(title: String, allowsScript: Bool = false) -> String {
        let script = allowsScript ? " script-src 'unsafe-inline';" : ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';\(script) img-src data:">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="partsmap \(partsMapVersion)">
            <title>\(XMLText.escaped(title))</title>
            <style>

            """
    }
}
