/// Breadth-first search from groups to the groups that contain them, reusing its buffers between runs.
///
/// Visits each group once, so cycles terminate; the visit order is by distance, so ``path(to:)`` is a shortest path.
struct UpwardSearch {
    private var seen: [Int]
    private var predecessor: [Int]
    private var stamp = 0
    /// The groups reached by the last run, sources first, in order of distance.
    private(set) var order: [Int] = []

    init(groupCount: Int) {
        seen = Array(repeating: 0, count: groupCount)
        predecessor = Array(repeating: -1, count: groupCount)
    }

    /// Visits `sources` and every group containing them, transitively; `parents[g]` lists the groups containing `g`.
    mutating func run(from sources: [Int], parents: [[Int]], within allowed: Set<Int>? = nil) {
        stamp += 1
        order.removeAll(keepingCapacity: true)
        for source in sources where seen[source] != stamp {
            seen[source] = stamp
            predecessor[source] = -1
            order.append(source)
        }
        var head = 0
        while head < order.count {
            let node = order[head]
            head += 1
            for parent in parents[node] where seen[parent] != stamp {
                if let allowed, !allowed.contains(parent) { continue }
                seen[parent] = stamp
                predecessor[parent] = node
                order.append(parent)
            }
        }
    }

    /// The groups from a source to `node` (both included), along a shortest path of the last run.
    func path(to node: Int) -> [Int] {
        var path = [node]
        var current = node
        while predecessor[current] >= 0 {
            current = predecessor[current]
            path.append(current)
        }
        return path.reversed()
    }
}
