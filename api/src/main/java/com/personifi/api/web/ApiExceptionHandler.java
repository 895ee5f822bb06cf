package com.personifi.api.web;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.personifi.api.auth.AuthController;
import com.personifi.api.auth.AuthRateLimiter;
import com.personifi.api.feeds.FeedAuthenticationException;
import com.personifi.ingest.StatementPasswordException;
import com.personifi.ingest.ImportTooLargeException;
import com.personifi.ingest.TooManyImportsException;
import com.personifi.ingest.UnknownCsvProfileException;
import com.personifi.ingest.UnreadableCallbackException;
import com.personifi.ingest.job.ImportQueue;
import com.personifi.ingest.sms.SmsNotUnderstoodException;
import com.personifi.ingest.statement.csv.InvalidBankCsvProfileException;
import com.personifi.ingest.UnsupportedStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps expected failures to RFC 9457 problem details once, for every controller. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Bean-validation failures list each field and what is wrong with it. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "Some fields are invalid");
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * The same shape when constraints sit on several parameters (a body and a header, or query parameters): each
     * field of a body by its name, each other parameter by its own name.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors fields) {
                fields.getFieldErrors().forEach(error -> errors.add(Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage()))));
            } else {
                String name = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(error -> errors.add(Map.of("field", String.valueOf(name),
                        "message", String.valueOf(error.getDefaultMessage()))));
            }
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "Some fields are invalid");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** Every wrong field of a bank CSV profile at once, in the same shape as other field errors. */
    @ExceptionHandler(InvalidBankCsvProfileException.class)
    ProblemDetail invalidCsvProfile(InvalidBankCsvProfileException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid CSV profile", "Some fields are invalid");
        problem.setProperty("errors", e.errors().stream()
                .map(error -> Map.of("field", "profile." + error.field(), "message", error.message()))
                .toList());
        return problem;
    }

    @ExceptionHandler(UnknownCsvProfileException.class)
    ProblemDetail unknownCsvProfile(UnknownCsvProfileException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    /** A second profile, feed or account under a name the user already uses. */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "Already exists", "You already have one by that name");
    }

    /** Field errors found past bean validation, in the same shape. */
    @ExceptionHandler(InvalidFieldsException.class)
    ProblemDetail invalidFields(InvalidFieldsException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "Some fields are invalid");
        problem.setProperty("errors", e.errors().stream()
                .map(error -> Map.of("field", error.field(), "message", error.message())).toList());
        return problem;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(UnsupportedStatementException.class)
    ProblemDetail unsupportedStatement(UnsupportedStatementException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported statement format", e.getMessage());
    }

    @ExceptionHandler(ImportTooLargeException.class)
    ProblemDetail importTooLarge(ImportTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Statement too large", e.getMessage());
    }

    @ExceptionHandler(ImportQueue.ImportsBusyException.class)
    ResponseEntity<ProblemDetail> importsBusy(ImportQueue.ImportsBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "60")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Imports busy", e.getMessage()));
    }

    @ExceptionHandler(TooManyImportsException.class)
    ResponseEntity<ProblemDetail> tooManyImports(TooManyImportsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "30")
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many imports", e.getMessage()));
    }

    /** The text reads like a confirmation but lacks what a transaction needs: the message says what. */
    @ExceptionHandler(SmsNotUnderstoodException.class)
    ProblemDetail smsNotUnderstood(SmsNotUnderstoodException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "SMS not understood", e.getMessage());
    }

    @ExceptionHandler(UnreadableCallbackException.class)
    ProblemDetail unreadableCallback(UnreadableCallbackException e) {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable callback", e.getMessage());
    }

    @ExceptionHandler(FeedAuthenticationException.class)
    ProblemDetail feedAuthentication(FeedAuthenticationException e) {
        return problem(HttpStatus.UNAUTHORIZED, "Feed authentication failed", e.getMessage());
    }

    /** The file is fine but locked: the user can try again with the right password. */
    @ExceptionHandler(StatementPasswordException.class)
    ProblemDetail statementPassword(StatementPasswordException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Statement password needed", e.getMessage());
    }

    @ExceptionHandler(AuthController.LoginFailed.class)
    ProblemDetail loginFailed(AuthController.LoginFailed e) {
        return problem(HttpStatus.UNAUTHORIZED, "Login failed", e.getMessage());
    }

    @ExceptionHandler(AuthController.RefreshRefused.class)
    ProblemDetail refreshRefused(AuthController.RefreshRefused e) {
        return problem(HttpStatus.UNAUTHORIZED, "Refresh refused", e.getMessage());
    }

    @ExceptionHandler(AuthRateLimiter.TooManyAttempts.class)
    ResponseEntity<ProblemDetail> tooManyAttempts(AuthRateLimiter.TooManyAttempts e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts", e.getMessage()));
    }

    @ExceptionHandler(AuthController.AlreadyRegistered.class)
    ProblemDetail alreadyRegistered(AuthController.AlreadyRegistered e) {
        return problem(HttpStatus.CONFLICT, "Already registered", e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail badInput(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    /**
     * An argument one of our own calls refused is our fault, not the caller's, and its message may speak of
     * internals: answered 500 without it, and logged for us.
     */
    @ExceptionHandler({IllegalArgumentException.class, DateTimeException.class})
    ProblemDetail fault(RuntimeException e) {
        log.error("Request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong on our side; it has been logged");
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
