package com.personifi.api.web;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ?fields=id,amount,category}: only those fields of each item, for clients paying for every byte. Applies to
 * every JSON list answer of {@code /api/v1} — a plain list of records, or a page record whose {@code items} is one
 * (other fields of the page, such as {@code nextCursor}, stay) — and to a single record. The allowed names are the
 * record's fields; a name that is not one is refused with 400 naming the allowed ones. Only top-level fields of an
 * item can be picked.
 */
@RestControllerAdvice
class SparseFieldsets implements ResponseBodyAdvice<Object> {

    static final String PARAMETER = "fields";
    private static final String ITEMS = "items";

    /** Where the items are in an answer, and what their fields are. */
    private record Shape(boolean page, boolean list, Class<?> item) {
    }

    private final JsonMapper json;

    SparseFieldsets(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        // the answer's shape is looked at only when a client asks for fields, so other answers pay nothing
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        String requested = requested(request);
        if (body == null || requested == null || requested.isBlank() || !isJson(contentType)
                || !request.getURI().getPath().startsWith("/api/v1/")) {
            return body;
        }
        Optional<Shape> found = shape(returnType);
        if (found.isEmpty()) {
            return body;
        }
        Shape shape = found.get();
        Set<String> allowed = fieldsOf(shape.item());
        Set<String> fields = new LinkedHashSet<>();
        for (String field : requested.split(",")) {
            if (!field.isBlank()) {
                fields.add(field.strip());
            }
        }
        List<String> unknown = fields.stream().filter(field -> !allowed.contains(field)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidFieldsetException(unknown, allowed);
        }
        JsonNode tree = json.valueToTree(body);
        if (shape.page()) {
            tree.get(ITEMS).forEach(item -> keepOnly(item, fields));
        } else if (shape.list()) {
            tree.forEach(item -> keepOnly(item, fields));
        } else {
            keepOnly(tree, fields);
        }
        return tree;
    }

    /** Each unknown name as a field error of {@code fields}, with the names there are. */
    @ExceptionHandler(InvalidFieldsetException.class)
    ProblemDetail invalidFieldset(InvalidFieldsetException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.unknown().stream()
                .map(field -> Map.of("field", PARAMETER,
                        "message", "unknown field '" + field + "'; allowed: " + String.join(", ", e.allowed())))
                .toList());
        problem.setProperty("allowed", e.allowed());
        return problem;
    }

    private static void keepOnly(JsonNode item, Set<String> fields) {
        if (item instanceof ObjectNode object) {
            object.retain(fields);
        }
    }

    /** Whether a handler's answer can be trimmed with {@code ?fields=}. */
    static boolean trims(MethodParameter returnType) {
        return shape(returnType).isPresent();
    }

    private static Optional<Shape> shape(MethodParameter returnType) {
        ResolvableType type = ResolvableType.forMethodParameter(returnType);
        if (HttpEntity.class.isAssignableFrom(type.toClass())) {
            type = type.getGeneric(0);
        }
        Class<?> raw = type.toClass();
        if (Collection.class.isAssignableFrom(raw)) {
            Class<?> item = type.asCollection().getGeneric(0).toClass();
            return item.isRecord() ? Optional.of(new Shape(false, true, item)) : Optional.empty();
        }
        if (!raw.isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent component : raw.getRecordComponents()) {
            if (component.getName().equals(ITEMS) && Collection.class.isAssignableFrom(component.getType())) {
                Class<?> item = ResolvableType.forType(component.getGenericType()).asCollection().getGeneric(0)
                        .toClass();
                return item.isRecord() ? Optional.of(new Shape(true, false, item)) : Optional.empty();
            }
        }
        return Optional.of(new Shape(false, false, raw));
    }

    private static Set<String> fieldsOf(Class<?> record) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(record.getRecordComponents()).forEach(component -> names.add(component.getName()));
        return names;
    }

    private static String requested(ServerHttpRequest request) {
        if (request instanceof ServletServerHttpRequest servlet) {
            HttpServletRequest raw = servlet.getServletRequest();
            return raw.getParameter(PARAMETER);
        }
        return null;
    }

    private static boolean isJson(MediaType contentType) {
        return contentType != null && (MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
                || contentType.getSubtype().endsWith("+json"));
    }
}
