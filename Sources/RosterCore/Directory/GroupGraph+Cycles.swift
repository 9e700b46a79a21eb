extension GroupGraph {
    /// Strongly connected sets of groups (Tarjan's algorithm, iterative so deep nesting cannot overflow the stack),
    /// each reported with one shortest closed path from its first group.
    static func findCycles(groups: [DirectoryGroup], parents: [[Int]]) -> [GroupCycle] {
        let count = parents.count
        var order = Array(repeating: -1, count: count)
        var lowLink = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var stack: [Int] = []
        var nextOrder = 0
        var cycles: [GroupCycle] = []
        var search = UpwardSearch(groupCount: count)

        for root in 0..<count where order[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            order[root] = nextOrder
            lowLink[root] = nextOrder
            nextOrder += 1
            stack.append(root)
            onStack[root] = true
            while let (node, edge) = work.last {
                if edge < parents[node].count {
                    work[work.count - 1].edge += 1
                    let next = parents[node][edge]
                    if order[next] < 0 {
                        order[next] = nextOrder
                        lowLink[next] = nextOrder
                        nextOrder += 1
                        stack.append(next)
                        onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], order[next])
                    }
                    continue
                }
                work.removeLast()
                if let caller = work.last {
                    lowLink[caller.node] = min(lowLink[caller.node], lowLink[node])
                }
                guard lowLink[node] == order[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                if component.count > 1 || parents[node].contains(node) {
                    cycles.append(cycle(of: component, groups: groups, parents: parents, search: &search))
                }
            }
        }
        return cycles.sorted { $0.memberKeys.lexicographicallyPrecedes($1.memberKeys) }
    }

    /// A shortest closed path through the component's first group, staying inside the component.
    private static func cycle(
        of component: [Int], groups: [DirectoryGroup], parents: [[Int]], search: inout UpwardSearch
    ) -> GroupCycle {
        let members = Set(component)
        let start = component.min()!
        let keys = component.map { groups[$0].dnKey }.sorted()
        // Search from the groups containing `start` back to `start`.
        let firstSteps = parents[start].filter { members.contains($0) }
        if firstSteps.contains(start) {
            return GroupCycle(path: [groups[start].name, groups[start].name], memberKeys: keys)
        }
        search.run(from: firstSteps, parents: parents, within: members)
        let back = search.path(to: start)
        return GroupCycle(path: [groups[start].name] + back.map { groups[$0].name }, memberKeys: keys)
    }
}
