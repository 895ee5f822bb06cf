-- A partner's core-banking database, cut down from Apache Fineract's savings tables to what the feed reads.
CREATE TABLE m_savings_account (
    id             BIGSERIAL PRIMARY KEY,
    account_no     VARCHAR(20)  NOT NULL UNIQUE,
    client_id      BIGINT       NOT NULL,
    currency_code  VARCHAR(3)   NOT NULL,
    currency_digits SMALLINT    NOT NULL DEFAULT 2,
    status_enum    SMALLINT     NOT NULL DEFAULT 300,
    account_balance_derived NUMERIC(19,6) NOT NULL DEFAULT 0
);

CREATE TABLE m_savings_account_transaction (
    id                      BIGSERIAL PRIMARY KEY,
    savings_account_id      BIGINT        NOT NULL REFERENCES m_savings_account (id),
    office_id               BIGINT        NOT NULL DEFAULT 1,
    payment_detail_id       BIGINT,
    transaction_type_enum   SMALLINT      NOT NULL,
    is_reversed             BOOLEAN       NOT NULL DEFAULT false,
    transaction_date        DATE          NOT NULL,
    amount                  NUMERIC(19,6) NOT NULL,
    running_balance_derived NUMERIC(19,6),
    balance_end_date_derived DATE,
    created_date            TIMESTAMP     NOT NULL DEFAULT now(),
    submitted_on_date       DATE          NOT NULL DEFAULT current_date,
    appuser_id              BIGINT
);
