import PartsMap
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The timeline benchmark (docs/performance.md, "Timelines"): a workbook kept for years, where
/// every session adds one part and is committed, drawn with `partsmap timeline`.
enum TimelineBench {
    /// The two workbooks: the one issue 13 was measured on (each commit adds one part, as
    /// `partsmap part add --role R --status known` would: no relationships, no sessions), and a
    /// full one (each commit adds a part with all its fields, its relationships and its session:
    /// the benchmark map as it stood after k sessions).
    enum Workbook: String {
        case partsOnly = "one part added per commit"
        case full = "one part, its relationships and its session per commit"

        func text(_ known: Int, of commits: Int) -> String {
            switch self {
            case .full:
                return BenchmarkMap.text(parts: (commits + 4) / 5 * 5, known: known)
            case .partsOnly:
                let roles = ["manager", "manager", "firefighter", "exile", "exile"]
                var out = "partsmap 1\ntitle: My parts map\n\nself\n  note: What helps Self come forward.\n"
                for index in 0..<known {
                    out += "\npart p\(index): Part \(index)\n  role: \(roles[index % 5])\n  status: known\n"
                }
                return out
            }
        }
    }

    /// Makes a git workbook at `folder` whose map has `commits` commits, commit k holding
    /// `workbook.text(k)`.
    static func makeWorkbook(_ workbook: Workbook, in folder: String, commits: Int, git: String) {
        guard mkdir(folder, 0o700) == 0 else { fail("cannot make \(folder)") }
        guard Launcher.run([git, "init", "-q", folder]) == 0 else { fail("git init failed in \(folder)") }
        let identity = ["-c", "user.name=partsmap-bench", "-c", "user.email=bench@partsmap.invalid", "-c", "commit.gpgsign=false"]
        for known in 1...commits {
            writeFile(folder + "/map.parts", workbook.text(known, of: commits).utf8)
            if known == 1, Launcher.run([git, "-C", folder, "add", "map.parts"]) != 0 { fail("git add failed in \(folder)") }
            let date = BenchmarkMap.date(daysAfter2000: known - 1) + "T10:00:00"
            let message = "Session \(known): part p\(known - 1)"
            guard Launcher.run([git, "-C", folder] + identity + ["commit", "-q", "--no-verify", "--date", date, "-m", message, "map.parts"]) == 0
            else { fail("git commit failed in \(folder)") }
        }
    }

    /// The sum of the sizes of the regular files in a folder (not recursive).
    static func folderBytes(_ folder: String) -> Int {
        guard let directory = opendir(folder) else { return 0 }
        defer { closedir(directory) }
        var total = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            var info = stat()
            if name != ".", name != "..", stat(folder + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                total += Int(info.st_size)
            }
        }
        return total
    }

    static func fileBytes(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// What one `partsmap timeline` gave: the median wall time and largest peak over the runs,
    /// the page's size, all files' size, and the time headless Chromium takes to open the page
    /// and take a screenshot of its last frame (nil without Chromium).
    struct Figures {
        var seconds: Double
        /// CPU time (user + system, partsmap and its Graphviz and git), median.
        var cpuSeconds: Double
        var peakBytes: Int
        var pageBytes: Int
        var folderBytes: Int
        var files: Int
        var browserSeconds: Double?
        var screenshot: String?
    }

    static func measure(partsmap: String, arguments: [String] = [], workbook: String, output: String, frames: Int,
                        runs: Int, helper: String, scratch: String, chromium: String?) -> Figures {
        var results: [Run] = []
        for _ in 0..<runs {
            Launcher.run(["/bin/rm", "-rf", output])
            let run = Launcher.measure([partsmap, "timeline", workbook + "/map.parts", "-o", output] + arguments, helper: helper, scratch: scratch)
            guard run.succeeded else { fail("\(partsmap) timeline failed (status \(run.status))") }
            results.append(run)
        }
        var count = 0
        if let directory = opendir(output) {
            while let entry = readdir(directory) { if entry.pointee.d_type == UInt8(DT_REG) { count += 1 } }
            closedir(directory)
        }
        var figures = Figures(seconds: median(results.map(\.seconds)), cpuSeconds: median(results.map(\.cpuSeconds)), peakBytes: results.map(\.peakBytes).max() ?? 0,
                              pageBytes: fileBytes(output + "/index.html"), folderBytes: folderBytes(output), files: count)
        if let chromium {
            // The page opens at the frame its address names (#frame-N); older pages ignore it.
            let shot = output + "-last-frame.png"
            var times: [Double] = []
            for _ in 0..<max(3, runs) {
                unlink(shot)
                let run = Launcher.measure([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                            "--user-data-dir=\(scratch)/chromium-profile", "--window-size=1280,900",
                                            "--screenshot=\(shot)", "file://\(output)/index.html#frame-\(frames)"],
                                           helper: helper, scratch: scratch)
                if run.succeeded, fileBytes(shot) > 0 { times.append(run.seconds) }
            }
            if !times.isEmpty {
                figures.browserSeconds = median(times)
                figures.screenshot = shot
            }
        }
        return figures
    }

    /// Runs the timeline benchmark and prints its tables. `baseline` is another partsmap (an
    /// older build) measured on the same workbook, side by side.
    static func run(partsmap: String, baseline: String?, commits: Int, runs: Int, helper: String, scratch: String) -> (rows: Int, misses: Int) {
        guard let git = findOnPath("git") else {
            print("## Timelines\n\ngit is not installed: not measured.\n")
            return (0, 0)
        }
        let chromium = findOnPath("chromium") ?? findOnPath("chromium-browser") ?? findOnPath("google-chrome")
        let workbook = scratch + "/timeline-workbook"
        let start = now()
        makeWorkbook(.partsOnly, in: workbook, commits: commits, git: git)
        let made = now() - start
        let after = measure(partsmap: partsmap, workbook: workbook, output: scratch + "/timeline-now", frames: commits, runs: runs,
                            helper: helper, scratch: scratch, chromium: chromium)
        let before = baseline.map {
            measure(partsmap: $0, workbook: workbook, output: scratch + "/timeline-baseline", frames: commits, runs: 1,
                    helper: helper, scratch: scratch, chromium: chromium)
        }
        // Per-frame SVG files are an option (`--frames`) of partsmap versions that have it.
        Launcher.run([partsmap, "timeline", "--help"], stdout: scratch + "/timeline-help")
        let help = (try? readFile(scratch + "/timeline-help")) ?? []
        let hasFramesOption = String(decoding: help, as: UTF8.self).split { $0 == " " || $0 == "[" || $0 == "]" || $0 == "\n" }.contains("--frames")
        let withFrames = !hasFramesOption ? nil : measure(partsmap: partsmap, arguments: ["--frames"], workbook: workbook,
                                                          output: scratch + "/timeline-frames", frames: commits, runs: 1,
                                                          helper: helper, scratch: scratch, chromium: nil)

        // The browser's own start: a screenshot of an empty page.
        var floor: Double?
        if let chromium {
            writeFile(scratch + "/empty.html", "<!DOCTYPE html><title>empty</title>".utf8)
            let times = (0..<3).map { _ in
                Launcher.measure([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                  "--user-data-dir=\(scratch)/chromium-profile", "--window-size=1280,900",
                                  "--screenshot=\(scratch)/empty.png", "file://\(scratch)/empty.html"], helper: helper, scratch: scratch).seconds
            }
            floor = median(times)
        }

        print("## Timelines: `partsmap timeline` on a workbook of \(commits) commits, \(Workbook.partsOnly.rawValue)")
        print("")
        print("The benchmark makes the workbook itself (\(commits) git commits in \(formatted(made, 1)) s). Times are medians of "
              + "\(runs) runs (the baseline: one run); peak memory the largest. Load average: \(loadAverage()).")
        if let floor { print("Headless Chromium takes \(formatted(floor, 2)) s for a screenshot of an empty page (its own start).") }
        print("")
        print("| measure | " + (before != nil ? "baseline | " : "") + "now | target | result |")
        print("|---|" + (before != nil ? "---:|" : "") + "---:|---|---|")
        var rows = 0, misses = 0
        func row(_ what: String, _ value: (Figures) -> String, _ target: String, _ pass: Bool?) {
            rows += pass == nil ? 0 : 1
            misses += pass == false ? 1 : 0
            let result = pass.map { $0 ? "PASS" : "MISS" } ?? "-"
            print("| \(what) | " + (before.map { value($0) + " | " } ?? "") + "\(value(after)) | \(target) | \(result) |")
        }
        row("`partsmap timeline` wall time", { formatted($0.seconds, 2) + " s" }, "< 7 s", after.seconds < 7)
        row("CPU time (partsmap, Graphviz, git)", { formatted($0.cpuSeconds, 2) + " s" }, "-", nil)
        row("peak memory", { megabytes($0.peakBytes) + " MB" }, "< 150 MB", after.peakBytes < 150 << 20)
        row("`index.html`", { megabytes($0.pageBytes) + " MB" }, "< 5 MB", after.pageBytes < 5 << 20)
        row("headless Chromium opens the page, screenshot of the last frame",
            { $0.browserSeconds.map { formatted($0, 2) + " s" } ?? "n/a" }, "< 2 s",
            after.browserSeconds.map { $0 < 2 } ?? (chromium == nil ? nil : false))
        row("all files written", { megabytes($0.folderBytes) + " MB in \($0.files) files" }, "-", nil)
        print("")
        if let withFrames {
            print("With `--frames` (an SVG file per frame as well, drawn \(cores()) at a time): \(formatted(withFrames.seconds, 2)) s, "
                  + "peak \(megabytes(withFrames.peakBytes)) MB, \(megabytes(withFrames.folderBytes)) MB in \(withFrames.files) files.")
            print("")
        }
        if chromium == nil { print("Chromium is not installed: the page was not opened.\n") }

        // The full workbook, by commit and by session (the baseline is not run on it: it draws
        // every frame with its own line routing, which takes most of an hour at this size).
        let full = scratch + "/timeline-full"
        makeWorkbook(.full, in: full, commits: commits, git: git)
        print("## Timelines: \(commits) commits, \(Workbook.full.rawValue)")
        print("")
        print("Load average: \(loadAverage()).")
        print("")
        print("| `partsmap timeline` | wall time | CPU time | peak memory | `index.html` | Chromium, last frame |")
        print("|---|---:|---:|---:|---:|---:|")
        for by in ["commit", "session"] {
            let figures = measure(partsmap: partsmap, arguments: ["--by", by], workbook: full, output: scratch + "/timeline-full-\(by)",
                                  frames: commits, runs: 1, helper: helper, scratch: scratch, chromium: chromium)
            print("| `--by \(by)` | \(formatted(figures.seconds, 2)) s | \(formatted(figures.cpuSeconds, 2)) s | \(megabytes(figures.peakBytes)) MB | "
                  + "\(megabytes(figures.pageBytes)) MB | \(figures.browserSeconds.map { formatted($0, 2) + " s" } ?? "n/a") |")
        }
        print("")
        return (rows, misses)
    }

    static func cores() -> Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// The 1, 5 and 15 minute load averages (other work sharing the machine stretches wall times).
    static func loadAverage() -> String {
        guard let bytes = try? readFile("/proc/loadavg") else { return "unknown" }
        return String(decoding: bytes, as: UTF8.self).split(separator: " ").prefix(3).joined(separator: ", ")
    }
}
