/* seg-roles.c — header, type and value heuristics for file and column roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-roles"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "seg-table-private.h"
#include "seg-csv.h"
#include "seg-parse.h"
#include "seg-hash.h"
#include "seg-roles.h"

/* Header names, compared after folding case and dropping ' ', '_', '-', '.'.
 * The first list that matches a column decides its role. */
static const char *customer_id_names[] = {
  "customerid", "custid", "customer", "customerno", "customernumber", "customercode",
  "clientid", "client", "clientno", "memberid", "userid", "accountid", "accountno",
  "accountnumber", "cid", "id", NULL
};
static const char *txn_id_names[] = {
  "txnid", "transactionid", "transid", "invoiceno", "invoice", "invoiceid",
  "invoicenumber", "orderid", "orderno", "ordernumber", "paymentid", "receiptid", NULL
};
static const char *date_names[] = {
  "txndate", "transactiondate", "transdate", "date", "invoicedate", "orderdate",
  "purchasedate", "paymentdate", "timestamp", "datetime", "txntime", "transactiontime",
  "bookingdate", "valuedate", "postingdate", NULL
};
static const char *amount_names[] = {
  "amount", "txnamount", "transactionamount", "amt", "value", "dollarvalue", "revenue",
  "sales", "salesamount", "spend", "spent", "total", "totalamount", "monetary",
  "purchaseamount", "paymentamount", "netamount", "grossamount", "orderamount", "ordervalue",
  "ordertotal", "invoiceamount", "invoicetotal", "txnvalue", "transactionvalue", NULL
};
static const char *quantity_names[] = {
  "quantity", "qty", "units", "numberofcds", "count", "items", NULL
};
static const char *unit_price_names[] = {
  "unitprice", "price", "priceeach", "itemprice", NULL
};
static const char *category_names[] = {
  "category", "productcategory", "merchantcategory", "type", "txntype",
  "transactiontype", "channel", NULL
};
static const char *registration_names[] = {
  "registrationdate", "registerdate", "registereddate", "signupdate", "signup",
  "joindate", "joineddate", "createdat", "createddate", "accountopendate",
  "opendate", "onboardingdate", "customersince", NULL
};
static const char *login_names[] = {
  "lastlogindate", "lastlogin", "lastactive", "lastactivedate", "lastseen",
  "lastactivity", "lastactivitydate", "engagementdate", "logindate",
  "activitydate", "sessiondate", "eventdate", NULL
};
static const char *frequency_names[] = { "frequency", "x", NULL };
static const char *recency_names[] = { "recency", "tx", NULL };
static const char *t_names[] = { "t", NULL };
static const char *monetary_names[] = { "monetaryvalue", "zbar", "mbar", NULL };

static char *
fold_name (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  GString *s = g_string_new (NULL);

  for (const char *p = lower; *p; p++)
    if (*p != ' ' && *p != '_' && *p != '-' && *p != '.')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

static gboolean
name_in (const char  *folded,
         const char **names)
{
  for (guint i = 0; names[i]; i++)
    if (strcmp (folded, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
ends_with_id (const char *folded)
{
  return g_str_has_suffix (folded, "id") && strlen (folded) > 2;
}

/* Does a key column repeat values, as the ids of a log do?  A table whose
 * ids are all different but for a few (at most 1 in 100 of its distinct
 * ids) is still one row per customer: the few are dirty data, which the
 * dataset reports with their lines.  (Issue 17: one id on 10,000 rows made
 * a customer table of 200 customers an activity log.)  *@n_repeated is the
 * number of distinct ids that repeat, when they are few; else more than
 * 1 in 100 of the rows.
 * Numbers are hashed by seg_hash_mix64 () of their bits, never by
 * g_int64_hash (), which keeps only the low 32 bits: those are zero for every
 * integer-valued double, so numeric ids all fell into one bucket. */
static gboolean
column_repeats (const SegColumn *column,
                guint64          n_rows,
                guint64         *n_repeated)
{
  guint64 distinct = 0, repeated = 0;
  /* more repeated ids than this is a log, however many ids there are */
  guint64 many = n_rows / 100;

  if (column->type == SEG_COLUMN_TEXT)
    {
      /* sets (a key is its own value): one hash and probe per new id */
      g_autoptr(GHashTable) seen = g_hash_table_new (seg_hash_str_key, g_str_equal);
      g_autoptr(GHashTable) twice = g_hash_table_new (seg_hash_str_key, g_str_equal);

      for (guint64 r = 0; r < n_rows && repeated <= many; r++)
        {
          const char *text = column->text[r];

          if (text == NULL)
            continue;
          if (g_hash_table_add (seen, (gpointer) text))
            distinct++;
          else if (g_hash_table_add (twice, (gpointer) text))
            repeated++;
        }
    }
  else
    {
      SegHashSet64 seen, twice;

      seg_hash_set64_init (&seen, MIN (n_rows, 1 << 16));
      seg_hash_set64_init (&twice, 64);
      for (guint64 r = 0; r < n_rows && repeated <= many; r++)
        if (!seg_column_is_missing (column, r))
          {
            guint64 h = seg_hash_double_bits (column->num[r]);

            if (seg_hash_set64_add (&seen, h))
              distinct++;
            else if (seg_hash_set64_add (&twice, h))
              repeated++;
          }
      seg_hash_set64_clear (&seen);
      seg_hash_set64_clear (&twice);
    }
  *n_repeated = repeated;
  return repeated > 0 && (repeated > many || repeated > distinct / 100);
}

typedef struct
{
  SegFieldRole role;
  const char **names;
  gboolean     wants_date;
  gboolean     wants_number;
} RoleRule;

static const RoleRule role_rules[] = {
  { SEG_FIELD_REGISTRATION_DATE, registration_names, TRUE, FALSE },
  { SEG_FIELD_LAST_LOGIN_DATE, login_names, TRUE, FALSE },
  { SEG_FIELD_TXN_ID, txn_id_names, FALSE, FALSE },
  { SEG_FIELD_CUSTOMER_ID, customer_id_names, FALSE, FALSE },
  { SEG_FIELD_DATE, date_names, TRUE, FALSE },
  { SEG_FIELD_AMOUNT, amount_names, FALSE, TRUE },
  { SEG_FIELD_QUANTITY, quantity_names, FALSE, TRUE },
  { SEG_FIELD_UNIT_PRICE, unit_price_names, FALSE, TRUE },
  { SEG_FIELD_CATEGORY, category_names, FALSE, FALSE },
  { SEG_FIELD_FREQUENCY, frequency_names, FALSE, TRUE },
  { SEG_FIELD_RECENCY, recency_names, FALSE, TRUE },
  { SEG_FIELD_T, t_names, FALSE, TRUE },
  { SEG_FIELD_MONETARY_VALUE, monetary_names, FALSE, TRUE },
};

static gboolean
role_taken (const SegTable *table,
            SegFieldRole    role)
{
  return seg_table_find_role (table, role) != NULL;
}

static void
assign_by_name (SegTable *table)
{
  guint n = seg_table_get_n_columns (table);

  for (guint i = 0; i < n; i++)
    {
      SegColumn *column = seg_table_get_column_mut (table, i);
      g_autofree char *folded = fold_name (column->name);

      seg_column_set_role (column, SEG_FIELD_NONE);
      for (guint k = 0; k < G_N_ELEMENTS (role_rules); k++)
        {
          const RoleRule *rule = &role_rules[k];

          if (!name_in (folded, rule->names))
            continue;
          if (rule->wants_date && column->type != SEG_COLUMN_DATE)
            continue;
          if (rule->wants_number && column->type != SEG_COLUMN_NUMBER)
            continue;
          if (role_taken (table, rule->role))
            continue;
          seg_column_set_role (column, rule->role);
          break;
        }
    }
}

/* Second chances: "XxxID" columns for the customer id, the first remaining
 * date column for a transaction date, and so on. */
static void
assign_by_shape (SegTable *table)
{
  guint n = seg_table_get_n_columns (table);

  if (!role_taken (table, SEG_FIELD_CUSTOMER_ID))
    for (guint i = 0; i < n; i++)
      {
        SegColumn *column = seg_table_get_column_mut (table, i);
        g_autofree char *folded = fold_name (column->name);

        if (column->role == SEG_FIELD_NONE && column->type != SEG_COLUMN_DATE &&
            (g_str_has_prefix (folded, "cust") || g_str_has_prefix (folded, "client")) &&
            ends_with_id (folded))
          {
            seg_column_set_role (column, SEG_FIELD_CUSTOMER_ID);
            break;
          }
      }
}

static guint
count_dates (const SegTable *table)
{
  guint n = 0;
  for (guint i = 0; i < seg_table_get_n_columns (table); i++)
    if (seg_table_get_column (table, i)->type == SEG_COLUMN_DATE)
      n++;
  return n;
}

static gboolean
file_name_says (const SegTable *table,
                const char     *a,
                const char     *b,
                const char     *c)
{
  g_autofree char *lower = g_utf8_strdown (seg_table_get_name (table), -1);
  return (a && strstr (lower, a)) || (b && strstr (lower, b)) || (c && strstr (lower, c));
}

/* Does the header say "transaction log"?  A date or amount column named for
 * a transaction, order, invoice, purchase or payment (txn_date,
 * order_amount, InvoiceDate …), or a transaction id column.  Exports with one
 * row per customer (each bought once) carry no other sign of being a log. */
static gboolean
headers_say_transactions (const SegTable *table)
{
  static const char *words[] = { "txn", "transaction", "order", "invoice", "purchase", "payment", NULL };
  const SegFieldRole roles[] = { SEG_FIELD_DATE, SEG_FIELD_AMOUNT };

  if (seg_table_find_role (table, SEG_FIELD_TXN_ID) != NULL)
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (roles); k++)
    {
      const SegColumn *column = seg_table_find_role (table, roles[k]);
      g_autofree char *folded = column != NULL ? fold_name (column->name) : NULL;

      for (guint i = 0; folded != NULL && words[i] != NULL; i++)
        if (strstr (folded, words[i]) != NULL)
          return TRUE;
    }
  return FALSE;
}

static SegColumn *
first_unassigned_date (SegTable *table)
{
  for (guint i = 0; i < seg_table_get_n_columns (table); i++)
    {
      SegColumn *column = seg_table_get_column_mut (table, i);
      if (column->type == SEG_COLUMN_DATE && column->role == SEG_FIELD_NONE)
        return column;
    }
  return NULL;
}

static void
guess_transactions (SegTable     *table,
                    SegRoleGuess *guess,
                    gboolean      repeats)
{
  SegColumn *amount = seg_table_find_role_mut (table, SEG_FIELD_AMOUNT);
  SegColumn *qty = seg_table_find_role_mut (table, SEG_FIELD_QUANTITY);
  SegColumn *price = seg_table_find_role_mut (table, SEG_FIELD_UNIT_PRICE);
  SegColumn *date = seg_table_find_role_mut (table, SEG_FIELD_DATE);

  guess->role = SEG_FILE_ROLE_TRANSACTIONS;
  if (date == NULL && (date = first_unassigned_date (table)) != NULL)
    seg_column_set_role (date, SEG_FIELD_DATE);

  if (amount == NULL && qty != NULL && price != NULL)
    guess->proposal = g_strdup_printf ("amount = %s%s%s * %s%s%s",
                                       strchr (qty->name, ' ') ? "`" : "", qty->name,
                                       strchr (qty->name, ' ') ? "`" : "",
                                       strchr (price->name, ' ') ? "`" : "", price->name,
                                       strchr (price->name, ' ') ? "`" : "");
  guess->confident = date != NULL && amount != NULL &&
                     seg_table_find_role_mut (table, SEG_FIELD_CUSTOMER_ID) != NULL;
  guess->reason = g_strdup_printf (_("%s per row%s"),
                                   amount ? _("a date and an amount")
                                          : guess->proposal ? _("a date, a quantity and a unit price")
                                                            : _("a date"),
                                   repeats ? _(", customer ids repeat") : "");
}

static void
guess_activity (SegTable     *table,
                SegRoleGuess *guess,
                gboolean      repeats)
{
  SegColumn *login = seg_table_find_role_mut (table, SEG_FIELD_LAST_LOGIN_DATE);

  guess->role = SEG_FILE_ROLE_ACTIVITY;
  if (login == NULL && (login = first_unassigned_date (table)) != NULL)
    {
      /* an activity log's date is when the customer was last seen */
      SegColumn *date = seg_table_find_role_mut (table, SEG_FIELD_DATE);
      if (date != NULL)
        seg_column_set_role (date, SEG_FIELD_NONE);
      seg_column_set_role (login, SEG_FIELD_LAST_LOGIN_DATE);
    }
  else if (login == NULL && (login = seg_table_find_role_mut (table, SEG_FIELD_DATE)) != NULL)
    seg_column_set_role (login, SEG_FIELD_LAST_LOGIN_DATE);
  guess->confident = login != NULL && seg_table_find_role_mut (table, SEG_FIELD_CUSTOMER_ID) != NULL;
  guess->reason = g_strdup (repeats ? _("activity dates per customer, customer ids repeat")
                                    : _("a last-activity date per customer"));
}

static SegColumn *amount_read_as_text (SegTable *table,
                                       guint64  *n_bad);

static char *
role_change_note (const SegColumn *amount,
                  guint64          n_bad)
{
  return g_strdup_printf (_("Column “%s” has %" PRIu64 " values that are not numbers (more than 1 in "
                            "100), so it is read as text and this file is not taken as a transaction "
                            "log; choose the transactions role (--role FILE=transactions) to read it "
                            "as one, with those cells left empty."),
                          amount->name, n_bad);
}

void
seg_roles_detect (SegTable     *table,
                  SegRoleGuess *guess)
{
  SegColumn *id;
  gboolean repeats = FALSE;
  guint64 n_repeated = 0;
  gboolean has_amount;
  gboolean has_login;
  gboolean summary;

  g_return_if_fail (table != NULL && guess != NULL);
  memset (guess, 0, sizeof *guess);

  assign_by_name (table);
  assign_by_shape (table);

  id = seg_table_find_role_mut (table, SEG_FIELD_CUSTOMER_ID);
  if (id != NULL)
    repeats = column_repeats (id, seg_table_get_n_rows (table), &n_repeated);

  has_amount = seg_table_find_role_mut (table, SEG_FIELD_AMOUNT) != NULL ||
               (seg_table_find_role_mut (table, SEG_FIELD_QUANTITY) != NULL &&
                seg_table_find_role_mut (table, SEG_FIELD_UNIT_PRICE) != NULL);
  has_login = seg_table_find_role_mut (table, SEG_FIELD_LAST_LOGIN_DATE) != NULL;
  summary = seg_table_find_role_mut (table, SEG_FIELD_FREQUENCY) != NULL &&
            seg_table_find_role_mut (table, SEG_FIELD_RECENCY) != NULL &&
            seg_table_find_role_mut (table, SEG_FIELD_T) != NULL;

  if (summary && !repeats)
    {
      guess->role = SEG_FILE_ROLE_CUSTOMERS;
      guess->confident = TRUE;
      guess->reason = g_strdup (_("a purchase summary per customer (frequency, recency, T)"));
    }
  else if (id != NULL && repeats && has_amount && count_dates (table) > 0 &&
           !file_name_says (table, "activity", "engagement", "login"))
    guess_transactions (table, guess, repeats);
  else if (id != NULL && (has_login || repeats) && count_dates (table) > 0)
    guess_activity (table, guess, repeats);
  else if (id != NULL && has_amount && count_dates (table) > 0 &&
           (file_name_says (table, "transaction", "txn", "payment") ||
            (headers_say_transactions (table) &&
             !file_name_says (table, "customer", "client", "member"))))
    guess_transactions (table, guess, repeats);
  else
    {
      guess->role = SEG_FILE_ROLE_CUSTOMERS;
      guess->confident = !repeats;
      if (id == NULL)
        guess->reason = g_strdup (_("one row per customer; no customer id column, so row numbers are the ids"));
      else if (repeats)
        guess->reason = g_strdup_printf (_("customer ids in “%s” repeat, but there is no date and amount to make it a transaction log"),
                                         id->name);
      else if (n_repeated > 0)
        {
          /* a customer table with a few dirty ids: the dataset names them */
          guess->confident = FALSE;
          guess->reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "one row per customer, identified by “%s”; %" PRIu64
                                                        " id repeats",
                                                        "one row per customer, identified by “%s”; %" PRIu64
                                                        " ids repeat",
                                                        (gulong) MIN (n_repeated, G_MAXULONG)),
                                           id->name, n_repeated);
        }
      else
        guess->reason = g_strdup_printf (_("one row per customer, identified by “%s”"), id->name);
    }

  /* an amount column that bad cells turned into text made this file
   * something other than a transaction log: say so */
  if (guess->role != SEG_FILE_ROLE_TRANSACTIONS && id != NULL && count_dates (table) > 0)
    {
      guint64 n_bad = 0;
      SegColumn *amount = amount_read_as_text (table, &n_bad);

      if (amount != NULL)
        {
          g_autofree char *note = role_change_note (amount, n_bad);
          seg_table_add_notice (table, note);
        }
    }

  /* other date roles only make sense in a customers table */
  if (guess->role == SEG_FILE_ROLE_CUSTOMERS)
    {
      SegColumn *date = seg_table_find_role_mut (table, SEG_FIELD_DATE);
      if (date != NULL)
        seg_column_set_role (date, SEG_FIELD_NONE);
    }
  seg_table_set_role (table, guess->role);
}

static gboolean
named_like_an_amount (const char *name)
{
  g_autofree char *folded = fold_name (name);

  return name_in (folded, amount_names);
}

/* A text column named like an amount whose cells are nearly all numbers:
 * the reader typed it text because more than 1 in 100 cells are not
 * numbers.  Returns the column, or NULL. */
static SegColumn *
amount_read_as_text (SegTable *table,
                     guint64  *n_bad)
{
  const SegReadReport *report = seg_table_get_report (table);
  guint64 n = seg_table_get_n_rows (table);

  for (guint i = 0; i < seg_table_get_n_columns (table); i++)
    {
      SegColumn *column = seg_table_get_column_mut (table, i);
      guint64 good = 0, bad = 0;

      if (column->type != SEG_COLUMN_TEXT || !named_like_an_amount (column->name))
        continue;
      for (guint64 r = 0; r < n; r++)
        {
          double v;
          if (column->text[r] == NULL)
            continue;
          if (seg_parse_number (column->text[r], report->decimal_comma, &v))
            good++;
          else
            bad++;
        }
      /* nine in ten cells are numbers: an amount column with bad cells */
      if (good > 0 && bad > 0 && bad * 10 <= good + bad)
        {
          *n_bad = bad;
          return column;
        }
    }
  return NULL;
}

/* Reads @column's cells as numbers; the others become missing. */
static void
text_to_numbers (SegTable  *table,
                 SegColumn *column)
{
  const SegReadReport *report = seg_table_get_report (table);
  guint64 n = seg_table_get_n_rows (table);
  double *num = g_new (double, MAX (n, 1));

  column->n_missing = 0;
  for (guint64 r = 0; r < n; r++)
    {
      if (column->text[r] == NULL ||
          !seg_parse_number (column->text[r], report->decimal_comma, &num[r]))
        {
          num[r] = NAN;
          column->n_missing++;
        }
      if (!column->interned)
        g_free (column->text[r]);
    }
  g_free (column->text);
  column->text = NULL;
  column->interned = FALSE;
  column->num = num;
  column->type = SEG_COLUMN_NUMBER;
}

void
seg_roles_detect_as (SegTable     *table,
                     SegFileRole   role,
                     SegRoleGuess *guess)
{
  SegColumn *id;
  SegColumn *amount;
  guint64 n_bad = 0;
  gboolean repeats = FALSE;
  guint64 n_repeated = 0;

  g_return_if_fail (table != NULL && guess != NULL);
  seg_role_guess_clear (guess);
  memset (guess, 0, sizeof *guess);

  /* a transaction log whose amount column has a few bad cells: those cells
   * are left empty, as in any number column, and said */
  if (role == SEG_FILE_ROLE_TRANSACTIONS && (amount = amount_read_as_text (table, &n_bad)) != NULL)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Column “%s”: %" PRIu64 " value is not a number and is left empty.",
                                                            "Column “%s”: %" PRIu64 " values are not numbers and are left empty.",
                                                            (gulong) MIN (n_bad, G_MAXULONG)),
                                               amount->name, n_bad);
      g_autofree char *guessed = role_change_note (amount, n_bad);
      GPtrArray *notices = seg_table_get_report_mut (table)->notices;
      guint at;

      /* the note that suggested this choice is answered now */
      if (g_ptr_array_find_with_equal_func (notices, guessed, g_str_equal, &at))
        g_ptr_array_remove_index (notices, at);
      text_to_numbers (table, amount);
      seg_table_add_notice (table, note);
    }
  assign_by_name (table);
  assign_by_shape (table);
  id = seg_table_find_role_mut (table, SEG_FIELD_CUSTOMER_ID);
  if (id != NULL)
    repeats = column_repeats (id, seg_table_get_n_rows (table), &n_repeated);
  if (role == SEG_FILE_ROLE_TRANSACTIONS)
    guess_transactions (table, guess, repeats);
  else if (role == SEG_FILE_ROLE_ACTIVITY)
    guess_activity (table, guess, repeats);
  else
    {
      SegColumn *date = seg_table_find_role_mut (table, SEG_FIELD_DATE);
      if (date != NULL)
        seg_column_set_role (date, SEG_FIELD_NONE);
    }
  g_free (guess->reason);
  guess->reason = g_strdup (_("set by you"));
  guess->role = role;
  guess->confident = TRUE;
  seg_table_set_role (table, role);
}

void
seg_role_guess_clear (SegRoleGuess *guess)
{
  g_return_if_fail (guess != NULL);
  g_clear_pointer (&guess->reason, g_free);
  g_clear_pointer (&guess->proposal, g_free);
}

const SegFieldRole *
seg_roles_for_file (SegFileRole role,
                    guint      *n_roles)
{
  static const SegFieldRole customers[] = {
    SEG_FIELD_NONE, SEG_FIELD_CUSTOMER_ID, SEG_FIELD_REGISTRATION_DATE, SEG_FIELD_LAST_LOGIN_DATE,
    SEG_FIELD_FREQUENCY, SEG_FIELD_RECENCY, SEG_FIELD_T, SEG_FIELD_MONETARY_VALUE,
  };
  static const SegFieldRole transactions[] = {
    SEG_FIELD_NONE, SEG_FIELD_CUSTOMER_ID, SEG_FIELD_DATE, SEG_FIELD_AMOUNT, SEG_FIELD_TXN_ID,
    SEG_FIELD_CATEGORY, SEG_FIELD_QUANTITY, SEG_FIELD_UNIT_PRICE,
  };
  static const SegFieldRole activity[] = {
    SEG_FIELD_NONE, SEG_FIELD_CUSTOMER_ID, SEG_FIELD_LAST_LOGIN_DATE,
  };

  g_return_val_if_fail (n_roles != NULL, NULL);
  switch (role)
    {
    case SEG_FILE_ROLE_TRANSACTIONS:
      *n_roles = G_N_ELEMENTS (transactions);
      return transactions;
    case SEG_FILE_ROLE_ACTIVITY:
      *n_roles = G_N_ELEMENTS (activity);
      return activity;
    case SEG_FILE_ROLE_CUSTOMERS:
    case SEG_FILE_ROLE_UNKNOWN:
    default:
      *n_roles = G_N_ELEMENTS (customers);
      return customers;
    }
}
