package com.personifi.ingest;

/**
 * The statement is protected by a password and none was given, or the one given does not open it. The message is
 * for the user and never repeats the password.
 */
public class StatementPasswordException extends UnsupportedStatementException {

    public StatementPasswordException(boolean passwordGiven) {
        super(passwordGiven ? "The password given does not open this statement"
                : "This statement is protected by a password: upload it again with its password");
    }
}
