package com.personifi.api.categories;

import java.net.URI;
import java.util.List;

import com.personifi.api.auth.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The built-in taxonomy and the user's own categories, as one tree. */
@RestController
@RequestMapping("/api/v1/categories")
class CategoriesController {

    /**
     * A category of the user's own.
     *
     * @param code       a slug such as {@code chama-contributions}; unique among the user's categories and not a
     *                   built-in code
     * @param parentCode the category it sits under (built-in or the user's own), or none for a top-level one
     * @param kind       INCOME, EXPENSE or TRANSFER; the parent's kind when left out under a parent
     */
    record NewCategory(@NotBlank @Size(max = 64)
                       @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$",
                               message = "must be lower-case letters and digits joined by single hyphens")
                       String code,
                       @NotBlank @Size(max = 100) String name,
                       @Size(max = 64) String parentCode,
                       @Pattern(regexp = "^(INCOME|EXPENSE|TRANSFER)$", message = "must be INCOME, EXPENSE or TRANSFER")
                       String kind) {
    }

    /** @param name what the category is called from now on */
    record CategoryRename(@NotBlank @Size(max = 100) String name) {
    }

    private final Categories categories;
    private final CategoryChanges changes;

    CategoriesController(Categories categories, CategoryChanges changes) {
        this.categories = categories;
        this.changes = changes;
    }

    /** Every category the user can file money under, each with its children; built-in ones are marked. */
    @GetMapping
    List<CategoryTree.Node> tree(@AuthenticationPrincipal CurrentUser user) {
        return categories.tree(user.id());
    }

    /** Adds a category of the user's own, at the top or under an existing category. */
    @PostMapping
    ResponseEntity<CategoryTree.Node> create(@AuthenticationPrincipal CurrentUser user,
                                             @Valid @RequestBody NewCategory category) {
        Categories.Category created = changes.create(user.id(), category);
        return ResponseEntity.created(URI.create("/api/v1/categories/" + created.code()))
                .body(CategoryTree.Node.created(created));
    }

    /**
     * Gives one of the user's own categories another name; its code stays, and so does everything filed under it.
     * Built-in categories answer 409; another user's category is 404.
     */
    @PatchMapping("/{code}")
    CategoryTree.Node rename(@AuthenticationPrincipal CurrentUser user, @PathVariable String code,
                             @Valid @RequestBody CategoryRename rename) {
        changes.rename(user.id(), code, rename.name());
        return CategoryTree.find(categories.tree(user.id()), code).orElseThrow();
    }

    /**
     * Removes one of the user's own categories (soft delete: transactions keep its code and the code can be used
     * again). Built-in categories answer 409, as does a category that still has subcategories of the user's or is
     * named by one of the user's rules, budgets or recurring rules; another user's category is 404.
     */
    @DeleteMapping("/{code}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String code) {
        changes.delete(user.id(), code);
        return ResponseEntity.noContent().build();
    }
}
