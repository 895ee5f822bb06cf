-- Built-in category taxonomy. Codes are stable identifiers used by the stream, rules and budgets; names are for people.
INSERT INTO categories (id, user_id, code, parent_code, name, kind) VALUES
    (gen_random_uuid(), NULL, 'income',               NULL,        'Income',                          'INCOME'),
    (gen_random_uuid(), NULL, 'salary',               'income',    'Salary',                          'INCOME'),
    (gen_random_uuid(), NULL, 'business-income',      'income',    'Business Income',                 'INCOME'),
    (gen_random_uuid(), NULL, 'remittances-received', 'income',    'Remittances (receiving)',         'INCOME'),
    (gen_random_uuid(), NULL, 'interest',             'income',    'Interest & Dividends',            'INCOME'),
    (gen_random_uuid(), NULL, 'refunds',              'income',    'Refunds & Reversals',             'INCOME'),

    (gen_random_uuid(), NULL, 'living',               NULL,        'Living',                          'EXPENSE'),
    (gen_random_uuid(), NULL, 'food',                 'living',    'Food & Groceries',                'EXPENSE'),
    (gen_random_uuid(), NULL, 'eating-out',           'living',    'Eating Out',                      'EXPENSE'),
    (gen_random_uuid(), NULL, 'rent',                 'living',    'Rent',                            'EXPENSE'),
    (gen_random_uuid(), NULL, 'utilities',            'living',    'Utilities',                       'EXPENSE'),
    (gen_random_uuid(), NULL, 'electricity',          'utilities', 'Electricity (KPLC tokens)',       'EXPENSE'),
    (gen_random_uuid(), NULL, 'water-purchase',       'utilities', 'Water Purchase',                  'EXPENSE'),
    (gen_random_uuid(), NULL, 'charcoal-gas',         'utilities', 'Charcoal/Gas',                    'EXPENSE'),
    (gen_random_uuid(), NULL, 'generator-fuel',       'utilities', 'Generator Fuel',                  'EXPENSE'),
    (gen_random_uuid(), NULL, 'internet-tv',          'utilities', 'Internet & TV',                   'EXPENSE'),
    (gen_random_uuid(), NULL, 'airtime-data',         'living',    'Airtime & Data',                  'EXPENSE'),
    (gen_random_uuid(), NULL, 'school-fees',          'living',    'School Fees',                     'EXPENSE'),
    (gen_random_uuid(), NULL, 'health',               'living',    'Health (NHIF/SHA, clinics, pharmacy)', 'EXPENSE'),
    (gen_random_uuid(), NULL, 'shopping',             'living',    'Shopping',                        'EXPENSE'),
    (gen_random_uuid(), NULL, 'entertainment',        'living',    'Entertainment',                   'EXPENSE'),
    (gen_random_uuid(), NULL, 'betting',              'living',    'Betting & Lottery',               'EXPENSE'),

    (gen_random_uuid(), NULL, 'transport',            NULL,        'Transport',                       'EXPENSE'),
    (gen_random_uuid(), NULL, 'matatu-bodaboda',      'transport', 'Matatu/Bodaboda',                 'EXPENSE'),
    (gen_random_uuid(), NULL, 'fuel',                 'transport', 'Fuel',                            'EXPENSE'),

    (gen_random_uuid(), NULL, 'financial',            NULL,        'Financial',                       'EXPENSE'),
    (gen_random_uuid(), NULL, 'mobile-money-fees',    'financial', 'Mobile Money Fees',               'EXPENSE'),
    (gen_random_uuid(), NULL, 'loans-fuliza',         'financial', 'Loans/Fuliza',                    'EXPENSE'),
    (gen_random_uuid(), NULL, 'savings',              'financial', 'Savings',                         'TRANSFER'),
    (gen_random_uuid(), NULL, 'insurance',            'financial', 'Insurance',                       'EXPENSE'),

    (gen_random_uuid(), NULL, 'transfers',            NULL,        'Transfers',                       'TRANSFER'),
    (gen_random_uuid(), NULL, 'remittances-sent',     'transfers', 'Remittances (sending)',           'EXPENSE'),
    (gen_random_uuid(), NULL, 'cash-withdrawal',      'transfers', 'Cash Withdrawal',                 'TRANSFER'),
    (gen_random_uuid(), NULL, 'cash-deposit',         'transfers', 'Cash Deposit',                    'TRANSFER'),
    (gen_random_uuid(), NULL, 'own-transfers',        'transfers', 'Transfers between own accounts',  'TRANSFER'),

    (gen_random_uuid(), NULL, 'uncategorized',        NULL,        'Uncategorized',                   'EXPENSE');
