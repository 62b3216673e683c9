/// FNV-1a, 64 bit: a quick, stable hash for telling things apart (the render cache's keys, the
/// ordering search's refused arrangements). Not for anything an attacker chooses to collide.
struct FNV1a {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    mutating func add(_ unit: UInt64) {
        value = (value ^ unit) &* 0x0000_0100_0000_01B3
    }
}
