/* test-dataset.c — joining files into the customer table (SPEC §2, DESIGN
 * "Precise meanings")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected values for the files in tests/data/dataset were worked out by hand; the day
 * counts were checked with sqlite3's julianday() (e.g. 2025-09-13 − 2025-01-10
 * = 246).  The fintech figures come from sqlite3 over ../shared/data/fintech:
 *   select max(txn_date) from txns;                 → 2025-09-14
 *   select sum(amount) from txns;                   → 7452958
 *   select count(*), sum(amount), min(txn_date), max(txn_date)
 *     from txns where customer_id = '1';            → 31, 170276, 2024-02-23, 2025-08-09
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-csv.h"
#include "seg-dataset.h"
#include "seg-error.h"
#include "seg-roles.h"
#include "seg-test-util.h"

static SegDataset *
load (const char *const *files,
      void (*configure) (SegDatasetOptions *),
      GError           **error)
{
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();

  for (guint i = 0; files[i]; i++)
    {
      g_autofree char *path = g_str_has_prefix (files[i], "/") ? g_strdup (files[i])
                                                               : seg_test_fixture_path (files[i]);
      seg_dataset_options_add_input (options, path, SEG_FILE_ROLE_UNKNOWN);
    }
  if (configure)
    configure (options);
  return seg_dataset_load (options, NULL, NULL, NULL, error);
}

static int
row_of (const SegTable *t,
        const char     *id)
{
  const SegColumn *c = seg_table_find_column (t, "customer_id");
  for (guint64 r = 0; r < seg_table_get_n_rows (t); r++)
    if (g_strcmp0 (c->text[r], id) == 0)
      return (int) r;
  return -1;
}

static double
num (const SegTable *t,
     const char     *id,
     const char     *column)
{
  const SegColumn *c = seg_table_find_column (t, column);
  int r = row_of (t, id);

  g_assert_nonnull (c);
  g_assert_cmpint (r, >=, 0);
  return c->num[r];
}

static const SegInputInfo *
input_with_role (const SegDataset *ds,
                 SegFileRole       role)
{
  for (guint i = 0; i < seg_dataset_get_n_inputs (ds); i++)
    if (seg_dataset_get_input (ds, i)->role == role)
      return seg_dataset_get_input (ds, i);
  g_assert_not_reached ();
  return NULL;
}

static const char *three_files[] = {
  "dataset/customers.csv", "dataset/transactions.csv", "dataset/activity.csv", NULL
};

static void
test_join_metrics (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) ds = load (three_files, NULL, &error);
  const SegTable *t;
  const SegInputInfo *txn;

  g_assert_no_error (error);
  t = seg_dataset_get_customers (ds);
  g_assert_cmpuint (seg_table_get_n_rows (t), ==, 4);
  g_assert_cmpstr (seg_table_get_column (t, 0)->name, ==, "customer_id");
  /* as-of: the latest transaction or activity date (2025-09-13) */
  g_assert_cmpfloat (seg_dataset_get_as_of (ds), ==, seg_date_from_ymd (2025, 9, 13));

  g_assert_cmpfloat (num (t, "1", "txn_count"), ==, 3);      /* T1, T2, T7: T2 twice is one */
  g_assert_cmpfloat_with_epsilon (num (t, "1", "total_spent"), 310.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (num (t, "1", "avg_spent"), 103.5, 1e-9);
  g_assert_cmpfloat (num (t, "1", "first_txn_date"), ==, seg_date_from_ymd (2025, 3, 1));
  g_assert_cmpfloat (num (t, "1", "last_txn_date"), ==, seg_date_from_ymd (2025, 9, 12));
  g_assert_cmpfloat (num (t, "1", "recency_days"), ==, 1);
  g_assert_cmpfloat (num (t, "1", "tenure_days"), ==, 196);
  g_assert_cmpfloat_with_epsilon (num (t, "1", "avg_fee"), 4.0 / 3.0, 1e-12);
  g_assert_cmpfloat (num (t, "1", "days_since_registration"), ==, 246);
  g_assert_cmpfloat (num (t, "1", "days_since_login"), ==, 0);
  g_assert_cmpfloat (num (t, "1", "activity_rows"), ==, 2);
  g_assert_cmpfloat (num (t, "1", "avg_sessions"), ==, 7);

  g_assert_cmpfloat (num (t, "2", "txn_count"), ==, 2);
  g_assert_cmpfloat_with_epsilon (num (t, "2", "total_spent"), 75.25, 1e-9);
  g_assert_cmpfloat (num (t, "2", "recency_days"), ==, 3);
  g_assert_cmpfloat (num (t, "2", "tenure_days"), ==, 12);
  g_assert_cmpfloat (num (t, "2", "avg_fee"), ==, 2);         /* T3's fee is missing */
  g_assert_cmpfloat (num (t, "2", "days_since_login"), ==, 14);

  /* customers without transactions stay, with zeros and empty recency */
  g_assert_cmpfloat (num (t, "3", "txn_count"), ==, 0);
  g_assert_cmpfloat (num (t, "3", "total_spent"), ==, 0);
  g_assert_true (isnan (num (t, "3", "avg_spent")));
  g_assert_true (isnan (num (t, "3", "recency_days")));
  g_assert_true (isnan (num (t, "3", "first_txn_date")));
  g_assert_cmpfloat (num (t, "3", "days_since_login"), ==, 104);
  g_assert_true (isnan (num (t, "3", "age")));
  g_assert_true (isnan (num (t, "4", "days_since_login")));
  g_assert_cmpfloat (num (t, "4", "days_since_registration"), ==, 12);

  txn = input_with_role (ds, SEG_FILE_ROLE_TRANSACTIONS);
  g_assert_cmpuint (txn->rows, ==, 8);
  g_assert_cmpuint (txn->skipped, ==, 0);
  g_assert_cmpuint (txn->no_customer_id, ==, 1);
  g_assert_cmpuint (txn->duplicate_ids, ==, 1);
  g_assert_cmpuint (txn->unknown_customers, ==, 1);
  g_assert_cmpuint (txn->after_as_of, ==, 0);
  g_assert_cmpuint (input_with_role (ds, SEG_FILE_ROLE_ACTIVITY)->rows, ==, 4);
  g_assert_true (seg_dataset_is_confident (ds));
}

static void
set_as_of (SegDatasetOptions *o)
{
  seg_dataset_options_set_as_of (o, seg_date_from_ymd (2025, 9, 5));
}

static void
test_as_of (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) ds = load (three_files, set_as_of, &error);
  const SegTable *t;

  g_assert_no_error (error);
  t = seg_dataset_get_customers (ds);
  g_assert_cmpuint (input_with_role (ds, SEG_FILE_ROLE_TRANSACTIONS)->after_as_of, ==, 2); /* T5, T7 */
  g_assert_cmpuint (input_with_role (ds, SEG_FILE_ROLE_ACTIVITY)->after_as_of, ==, 1);
  g_assert_cmpfloat (num (t, "1", "txn_count"), ==, 2);
  g_assert_cmpfloat (num (t, "1", "recency_days"), ==, 82);     /* 2025-09-05 − 2025-06-15 */
  g_assert_cmpfloat (num (t, "1", "days_since_login"), ==, 4);  /* 2025-09-01 */
  g_assert_cmpfloat (num (t, "2", "txn_count"), ==, 1);
}

static void
set_where_and_derive (SegDatasetOptions *o)
{
  seg_dataset_options_set_where (o, "amount > 60");
  seg_dataset_options_add_txn_derive (o, "double_amount = amount * 2");
  seg_dataset_options_add_derive (o, "spend_per_txn = total_spent / txn_count");
}

static void
test_where_and_derive (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) ds = load (three_files, set_where_and_derive, &error);
  const SegTable *t;

  g_assert_no_error (error);
  t = seg_dataset_get_customers (ds);
  /* T3 (50), T5 (25.25), T7 (10) fail the filter; T4 passes it but has no id */
  g_assert_cmpuint (input_with_role (ds, SEG_FILE_ROLE_TRANSACTIONS)->filtered, ==, 3);
  g_assert_cmpuint (input_with_role (ds, SEG_FILE_ROLE_TRANSACTIONS)->no_customer_id, ==, 1);
  g_assert_cmpfloat (num (t, "1", "txn_count"), ==, 2);
  g_assert_cmpfloat_with_epsilon (num (t, "1", "avg_double_amount"), 300.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (num (t, "1", "spend_per_txn"), 150.25, 1e-9);
  g_assert_true (isnan (num (t, "2", "spend_per_txn")));   /* 0 / 0 */
}

static void
test_line_items_proposal (void)
{
  const char *files[] = { "dataset/lines.csv", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) ds = load (files, NULL, &error);
  const SegTable *t;
  const SegInputInfo *info;

  g_assert_no_error (error);
  info = seg_dataset_get_input (ds, 0);
  g_assert_cmpint (info->role, ==, SEG_FILE_ROLE_TRANSACTIONS);
  g_assert_cmpstr (info->proposal, ==, "amount = Quantity * UnitPrice");
  g_assert_false (seg_dataset_is_confident (ds));
  t = seg_dataset_get_customers (ds);
  g_assert_cmpuint (seg_table_get_n_rows (t), ==, 2);
  g_assert_cmpuint (info->no_customer_id, ==, 1);
  g_assert_cmpfloat (seg_dataset_get_as_of (ds), ==, seg_date_from_ymd (2010, 12, 3));
  /* three invoices; the two lines of 536365 are one transaction */
  g_assert_cmpfloat (num (t, "17850", "txn_count"), ==, 3);
  g_assert_cmpfloat_with_epsilon (num (t, "17850", "total_spent"), 6 * 2.55 + 2 * 3.39, 1e-9);
  g_assert_cmpfloat_with_epsilon (num (t, "17850", "avg_Quantity"), 2.0, 1e-12);
  g_assert_cmpfloat (num (t, "13047", "txn_count"), ==, 1);
}

static void
positive_quantities (SegDatasetOptions *o)
{
  seg_dataset_options_set_where (o, "Quantity > 0");
}

static void
test_line_items_where (void)
{
  const char *files[] = { "dataset/lines.csv", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) ds = load (files, positive_quantities, &error);
  const SegTable *t;

  g_assert_no_error (error);
  t = seg_dataset_get_customers (ds);
  g_assert_cmpuint (seg_dataset_get_input (ds, 0)->filtered, ==, 1);
  g_assert_cmpfloat (num (t, "17850", "txn_count"), ==, 2);
  g_assert_cmpfloat_with_epsilon (num (t, "17850", "avg_spent"), (6 * 2.55 + 2 * 3.39 + 2.55) / 2, 1e-9);
  g_assert_cmpfloat (num (t, "17850", "recency_days"), ==, 1);
}

static void
test_no_id_column (void)
{
  const char *files[] = { "dataset/features.csv", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) ds = load (files, NULL, &error);
  const SegTable *t;

  g_assert_no_error (error);
  t = seg_dataset_get_customers (ds);
  g_assert_cmpuint (seg_table_get_n_rows (t), ==, 3);
  g_assert_cmpstr (seg_table_get_column (t, 0)->text[2], ==, "3");
  g_assert_cmpfloat (num (t, "2", "Income"), ==, 60000);
  g_assert_true (isnan (seg_dataset_get_as_of (ds)));
}

static void
bad_where (SegDatasetOptions *o)
{
  seg_dataset_options_set_where (o, "amout > 5");
}

static void
test_unknown_column_in_filter (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) ds = load (three_files, bad_where, &error);

  g_assert_null (ds);
  g_assert_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION);
  g_assert_nonnull (strstr (error->message, "amout"));
  g_assert_nonnull (strstr (error->message, "character 1"));
}

static void
test_fintech (void)
{
  g_autofree char *c = seg_test_require_shared_data ("fintech/customers.csv");
  g_autofree char *tx = seg_test_require_shared_data ("fintech/transactions.csv");
  g_autofree char *a = seg_test_require_shared_data ("fintech/activity.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) ds = NULL;
  const SegTable *t;
  const SegColumn *total;
  double sum = 0;
  guint with_txns = 0;

  if (c == NULL || tx == NULL || a == NULL)
    return;
  {
    const char *files[] = { c, tx, a, NULL };
    ds = load (files, NULL, &error);
  }
  g_assert_no_error (error);
  g_assert_true (seg_dataset_is_confident (ds));
  t = seg_dataset_get_customers (ds);
  g_assert_cmpuint (seg_table_get_n_rows (t), ==, 200);
  g_assert_cmpfloat (seg_dataset_get_as_of (ds), ==, seg_date_from_ymd (2025, 9, 14));
  total = seg_table_find_column (t, "total_spent");
  for (guint64 r = 0; r < seg_table_get_n_rows (t); r++)
    {
      sum += total->num[r];
      with_txns += total->num[r] > 0;
    }
  g_assert_cmpfloat_with_epsilon (sum, 7452958.0, 1e-6);
  g_assert_cmpuint (with_txns, ==, 100);
  g_assert_cmpfloat (num (t, "1", "txn_count"), ==, 31);
  g_assert_cmpfloat (num (t, "1", "total_spent"), ==, 170276);
  g_assert_cmpfloat (num (t, "1", "recency_days"), ==, 36);
  g_assert_cmpfloat (num (t, "1", "tenure_days"), ==, 569);
  g_assert_nonnull (seg_table_find_column (t, "days_since_login"));
  g_assert_nonnull (seg_table_find_column (t, "days_since_registration"));
}

static const char *future_files[] = {
  "dataset/future-customers.csv", "dataset/future-transactions.csv", NULL
};

static void
derive_signup (SegDatasetOptions *options)
{
  seg_dataset_options_add_derive (options, "signup = signup_date");
}

/* Issue 10 §3: sign-ups after the as-of date (as in retail_dw/raw, where
 * every customer signed up after the last purchase) get no age instead of a
 * negative one, and the count is said once with the column. */
static void
test_dates_after_as_of (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) ds = load (future_files, derive_signup, &error);
  SegTable *t;
  const SegColumn *days;
  GPtrArray *future, *notices;
  const SegFutureDates *f;
  guint said = 0;

  g_assert_no_error (error);
  t = seg_dataset_get_customers (ds);
  g_assert_cmpint (input_with_role (ds, SEG_FILE_ROLE_TRANSACTIONS)->rows, ==, 5);
  /* as-of = the last purchase, 2021-12-30 */
  g_assert_cmpfloat (seg_dataset_get_as_of (ds), ==, seg_date_from_ymd (2021, 12, 30));
  g_assert_cmpfloat (num (t, "1", "days_since_registration"), ==, 304);
  g_assert_cmpfloat (num (t, "3", "days_since_registration"), ==, 10);
  g_assert_true (isnan (num (t, "2", "days_since_registration")));
  g_assert_true (isnan (num (t, "4", "days_since_registration")));
  g_assert_true (isnan (num (t, "5", "days_since_registration")));
  days = seg_table_find_column (t, "days_since_registration");
  for (guint64 r = 0; r < seg_table_get_n_rows (t); r++)
    g_assert_true (isnan (days->num[r]) || days->num[r] >= 0);
  /* the registration column itself is what the file says */
  g_assert_cmpfloat (num (t, "2", "signup_date"), ==, seg_date_from_ymd (2024, 1, 15));
  /* a calculated date after the as-of date is left out */
  g_assert_cmpfloat (num (t, "1", "signup"), ==, seg_date_from_ymd (2021, 3, 1));
  g_assert_true (isnan (num (t, "4", "signup")));

  future = seg_dataset_get_future_dates (ds);
  g_assert_cmpuint (future->len, ==, 2);
  f = g_ptr_array_index (future, 0);
  g_assert_cmpstr (f->column, ==, "signup_date");
  g_assert_cmpuint (f->count, ==, 3);
  g_assert_cmpstr (f->message, ==, "future-customers.csv: 3 registration dates in “signup_date” are after the "
                                   "as-of date (2021-12-30) and are left out: those customers have no "
                                   "days_since_registration");
  f = g_ptr_array_index (future, 1);
  g_assert_cmpstr (f->column, ==, "signup");
  g_assert_cmpuint (f->count, ==, 3);
  g_assert_cmpstr (f->message, ==, "Calculated column “signup”: 3 dates are after the as-of date (2021-12-30) "
                                   "and are left out");
  /* said once each among the notices */
  notices = seg_dataset_get_notices (ds);
  for (guint i = 0; i < notices->len; i++)
    said += strstr (g_ptr_array_index (notices, i), "after the as-of date") != NULL;
  g_assert_cmpuint (said, ==, 2);
}

/* --map binds a column on a copy: the caller's table, which the window keeps
 * showing, still has its own roles.  With the fee as the amount, customer 1
 * spent 1 + 3 + 0 (T2's repeat left out) and customer 2 spent 2 (T3 has no fee). */
static void
test_map_leaves_table (void)
{
  g_autofree char *path = seg_test_fixture_path ("dataset/transactions.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(SegTable) txns = seg_csv_read (path, NULL, NULL, NULL, NULL, &error);
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  g_autoptr(SegDataset) ds = NULL;
  SegRoleGuess guess = { 0 };
  const SegTable *used, *t;

  g_assert_no_error (error);
  seg_roles_detect (txns, &guess);
  seg_table_set_role (txns, guess.role);
  seg_role_guess_clear (&guess);
  g_assert_true (seg_table_find_role (txns, SEG_FIELD_AMOUNT) == seg_table_find_column (txns, "amount"));
  g_assert_true (seg_dataset_options_add_map (options, "transactions.amount=fee", &error));
  g_ptr_array_add (tables, txns);
  ds = seg_dataset_build (tables, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (seg_table_find_role (txns, SEG_FIELD_AMOUNT) == seg_table_find_column (txns, "amount"));
  g_assert_cmpint (seg_table_find_column (txns, "fee")->role, ==, SEG_FIELD_NONE);
  used = input_with_role (ds, SEG_FILE_ROLE_TRANSACTIONS)->table;
  g_assert_true (used != txns);
  g_assert_true (seg_table_find_role (used, SEG_FIELD_AMOUNT) == seg_table_find_column (used, "fee"));
  g_assert_cmpint (seg_table_find_column (used, "amount")->role, ==, SEG_FIELD_NONE);

  t = seg_dataset_get_customers (ds);
  g_assert_cmpfloat (num (t, "1", "total_spent"), ==, 4);
  g_assert_cmpfloat (num (t, "2", "total_spent"), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dataset/join-metrics", test_join_metrics);
  g_test_add_func ("/dataset/as-of", test_as_of);
  g_test_add_func ("/dataset/where-derive", test_where_and_derive);
  g_test_add_func ("/dataset/line-items-proposal", test_line_items_proposal);
  g_test_add_func ("/dataset/line-items-where", test_line_items_where);
  g_test_add_func ("/dataset/no-id-column", test_no_id_column);
  g_test_add_func ("/dataset/unknown-column-in-filter", test_unknown_column_in_filter);
  g_test_add_func ("/dataset/fintech", test_fintech);
  g_test_add_func ("/dataset/dates-after-as-of", test_dates_after_as_of);
  g_test_add_func ("/dataset/map-leaves-table", test_map_leaves_table);
  return g_test_run ();
}
