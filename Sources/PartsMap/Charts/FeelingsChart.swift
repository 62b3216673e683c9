/// The feelings check-ins across sessions, drawn like the Self-energy chart: one small panel per
/// feeling, every rating written at its point, so the return of feeling can be seen at a glance.
public enum FeelingsChart {
    /// The chart for a map's check-ins; nil when no session has one.
    public static func chart(for map: SystemMap) -> SelfEnergyChart? {
        guard let trend = FeelingsTrend(map: map) else { return nil }
        let series = trend.series.map { entry in
            (name: SelfEnergyChart.capitalized(entry.feeling),
             points: entry.scores.enumerated().compactMap { index, score in score.map { SelfEnergyChart.Point(session: index, score: $0) } })
        }
        return SelfEnergyChart(title: "Feelings check-ins" + (map.title.map { " — " + $0 } ?? ""), subject: "Feelings check-ins",
                               sessions: trend.sessions.map(\.description), series: series)
    }
}
