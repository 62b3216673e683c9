/// The feelings check-ins of a map's sessions, feeling by feeling: how the range of feelings a
/// person can reach comes back over time. Used by `journey`, the report and the feelings chart.
public struct FeelingsTrend: Sendable, Equatable {
    /// The sessions that have a check-in, in map order.
    public var sessions: [CalendarDate]
    /// Each feeling, in the order first recorded, with its score in each of `sessions` (nil
    /// when that check-in did not rate it).
    public var series: [Series]

    public struct Series: Sendable, Equatable {
        public var feeling: String
        public var scores: [Int?]
    }

    /// nil when no session has a check-in.
    public init?(map: SystemMap) {
        let checked = map.sessions.filter { !$0.feelings.isEmpty }
        guard !checked.isEmpty else { return nil }
        sessions = checked.map(\.date)
        var order: [String] = []
        for session in checked { for rating in session.feelings where !order.contains(rating.feeling) { order.append(rating.feeling) } }
        series = order.map { feeling in
            Series(feeling: feeling, scores: checked.map { session in session.feelings.last { $0.feeling == feeling }?.score })
        }
    }

    /// One line per feeling: `sadness 0 → 1 → 3 → 1 → 6` (`–` where it was not rated).
    public var lines: [String] {
        series.map { entry in
            entry.feeling + " " + entry.scores.map { $0.map(String.init) ?? "–" }.joined(separator: " → ")
        }
    }

    /// How many feelings were reachable (rated above 0) in each check-in.
    public var reachable: [Int] {
        sessions.indices.map { index in series.filter { ($0.scores[index] ?? 0) > 0 }.count }
    }
}
