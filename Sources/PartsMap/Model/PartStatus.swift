/// Where the relationship between Self and a part stands, in the order IFS work usually goes.
///
/// The order matters: a status change that goes *back* (befriended → known) is worth a note,
/// and `partsmap check` warns when one has none.
public enum PartStatus: String, CaseIterable, Sendable, Hashable, Comparable {
    /// The part has been noticed (a trailhead) but not yet met.
    case noticed
    /// Self has met the part and knows something of its job.
    case known
    /// The part and Self have a friendly relationship.
    case befriended
    /// The part trusts Self enough to give permission (e.g. to visit the exile it protects).
    case trusting
    /// The part's story has been witnessed by Self.
    case witnessed
    /// The part has released its burdens.
    case unburdened
    /// The part has taken up a new, preferred role in the system.
    case integrated

    /// The position of the status in the lifecycle, from 0 (`noticed`).
    public var stage: Int { PartStatus.allCases.firstIndex(of: self) ?? 0 }

    /// Orders statuses along the lifecycle, so `to < from` means the part went back.
    public static func < (lhs: PartStatus, rhs: PartStatus) -> Bool { lhs.stage < rhs.stage }
}
