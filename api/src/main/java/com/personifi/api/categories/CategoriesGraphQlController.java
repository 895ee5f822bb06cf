package com.personifi.api.categories;

import java.util.List;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.UserError;
import com.personifi.api.web.UserErrors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Categories in GraphQL, over the same services as REST: the tree is built in memory from one query, so its
 * children cost nothing per parent; the mutations answer bad input, a built-in or missing category as typed errors.
 */
@Controller
class CategoriesGraphQlController {

    record CategoryPayload(CategoryTree.Node category, List<UserError> errors) {
    }

    record DeleteCategoryPayload(String deletedCode, List<UserError> errors) {
    }

    private final Categories categories;
    private final CategoryChanges changes;
    private final UserErrors userErrors;

    CategoriesGraphQlController(Categories categories, CategoryChanges changes, UserErrors userErrors) {
        this.categories = categories;
        this.changes = changes;
        this.userErrors = userErrors;
    }

    @QueryMapping
    List<CategoryTree.Node> categories(@AuthenticationPrincipal CurrentUser user) {
        return categories.tree(user.id());
    }

    @MutationMapping
    CategoryPayload createCategory(@AuthenticationPrincipal CurrentUser user,
                                   @Argument CategoriesController.NewCategory input) {
        UserErrors.Outcome<Categories.Category> created = userErrors.attempt(input, "code",
                () -> changes.create(user.id(), input));
        return new CategoryPayload(created.value() == null ? null : CategoryTree.Node.created(created.value()),
                created.errors());
    }

    @MutationMapping
    CategoryPayload renameCategory(@AuthenticationPrincipal CurrentUser user, @Argument String code,
                                   @Argument String name) {
        UserErrors.Outcome<CategoryTree.Node> renamed = userErrors.attempt(
                new CategoriesController.CategoryRename(name), "code", () -> {
                    changes.rename(user.id(), code, name);
                    return CategoryTree.find(categories.tree(user.id()), code).orElseThrow();
                });
        return new CategoryPayload(renamed.value(), renamed.errors());
    }

    @MutationMapping
    DeleteCategoryPayload deleteCategory(@AuthenticationPrincipal CurrentUser user, @Argument String code) {
        UserErrors.Outcome<String> deleted = userErrors.attempt(null, "code", () -> {
            changes.delete(user.id(), code);
            return code;
        });
        return new DeleteCategoryPayload(deleted.value(), deleted.errors());
    }
}
