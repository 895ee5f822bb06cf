package com.personifi.api.categories;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Categories as the tree people browse: each under its parent, a category whose parent is gone at the top. */
final class CategoryTree {

    /** One category with its children; {@code parentCode} is absent at the top. */
    record Node(String code, String name, String kind, String parentCode, boolean builtIn, List<Node> children) {

        /** A category just created, which has no children yet. */
        static Node created(Categories.Category c) {
            return new Node(c.code(), c.name(), c.kind(), c.parentCode(), c.builtIn(), List.of());
        }
    }

    private CategoryTree() {
    }

    /** The category with this code, wherever it sits in the tree. */
    static Optional<Node> find(List<Node> nodes, String code) {
        for (Node node : nodes) {
            if (node.code().equals(code)) {
                return Optional.of(node);
            }
            Optional<Node> below = find(node.children(), code);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    static List<Node> of(List<Categories.Category> categories) {
        Map<String, Node> byCode = new LinkedHashMap<>();
        for (Categories.Category c : categories) {
            // a user's code never equals a built-in one, so codes are unique among what one user sees
            byCode.putIfAbsent(c.code(), new Node(c.code(), c.name(), c.kind(), c.parentCode(), c.builtIn(),
                    new ArrayList<>()));
        }
        List<Node> roots = new ArrayList<>();
        for (Node node : byCode.values()) {
            Node parent = node.parentCode() == null ? null : byCode.get(node.parentCode());
            if (parent == null || parent == node) {
                roots.add(node);
            } else {
                parent.children().add(node);
            }
        }
        return roots;
    }
}
