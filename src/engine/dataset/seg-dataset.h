/* seg-dataset.h — the loaded files joined into one row per customer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SegDataset is built from the input tables (a customers table, a
 * transaction log, an activity table; any subset) and holds the customer
 * table: one row per customer with the customer table's own columns, the
 * activity aggregates and the transaction metrics of SPEC §2, named
 * exactly as SPEC and DESIGN "Precise meanings" say.  Immutable and
 * ref-counted once built; may cross threads.
 *
 * Two ways in:
 *  - seg_dataset_load (): read every input, detect roles, build — what the CLI
 *    does and what the GUI does when every role is detected with confidence;
 *  - seg_csv_read () + seg_roles_detect () per file, let the user correct
 *    roles and types in the import view, then seg_dataset_build ().
 */
#pragma once

#include <gio/gio.h>

#include "seg-cohort.h"
#include "seg-csv-reader.h"
#include "seg-roles.h"
#include "seg-table.h"

G_BEGIN_DECLS

typedef struct _SegDataset SegDataset;
typedef struct _SegDatasetOptions SegDatasetOptions;

#define SEG_TYPE_DATASET (seg_dataset_get_type ())
#define SEG_TYPE_DATASET_OPTIONS (seg_dataset_options_get_type ())

/* Per input, the counts of DESIGN "Precise meanings". */
typedef struct
{
  SegTable   *table;            /* the file as read (roles set) */
  SegFileRole role;
  guint64     rows;             /* accepted by the reader */
  guint64     skipped;          /* rejected by the reader */
  guint64     filtered;         /* dropped by --where */
  guint64     no_customer_id;   /* no customer id */
  guint64     no_date;          /* transactions without a usable date */
  guint64     after_as_of;      /* dated after the as-of date */
  guint64     placeholder_dates;/* dates far outside the others (9999-12-31…), read as missing */
  guint64     duplicate_ids;    /* repeated txn_id, counted once */
  guint       id_passes;        /* streamed with a txn_id: 1, or 2 when the ids were pre-scanned */
  guint64     unknown_customers;/* rows whose customer is not in the customers table */
  gboolean    confident;        /* roles detected without doubt */
  char       *role_reason;
  char       *proposal;         /* e.g. "amount = Quantity * UnitPrice" (applied) */
} SegInputInfo;

/* The transaction rows the metrics were computed from, in file order: rows
 * dropped by filters, without a customer or date, after the as-of date, or
 * repeating an earlier row exactly, are not in it. */
typedef struct
{
  guint64  n;
  gsize   *customer;   /* row of the customer table */
  double  *day;        /* floored to the calendar day */
  double  *amount;     /* NAN when the row has no amount */
} SegKeptTransactions;

GType               seg_dataset_options_get_type (void) G_GNUC_CONST;
/* Returns: (transfer full). */
SegDatasetOptions  *seg_dataset_options_new      (void);
/* Returns: (transfer full). */
SegDatasetOptions  *seg_dataset_options_copy     (const SegDatasetOptions *options);
void                seg_dataset_options_free     (SegDatasetOptions *options);
void                seg_dataset_options_add_input (SegDatasetOptions *options,
                                                   const char        *path,
                                                   SegFileRole        role);   /* UNKNOWN = detect */
/* "transactions.amount=Quantity * UnitPrice" (ROLE.FIELD=EXPR) */
gboolean            seg_dataset_options_add_map   (SegDatasetOptions *options,
                                                   const char        *text,
                                                   GError           **error);
void                seg_dataset_options_set_where (SegDatasetOptions *options,
                                                   const char        *expr);
void                seg_dataset_options_add_txn_derive (SegDatasetOptions *options,
                                                        const char        *assignment);
void                seg_dataset_options_add_derive     (SegDatasetOptions *options,
                                                        const char        *assignment);
/* Transaction logs of at least @min_bytes are not kept as a table: a preview
 * of their first rows is, and the metrics come from one streaming pass over
 * the file (0, the default, keeps every file whole).  Logs that need
 * expressions, filters or an ambiguous date order are read whole anyway. */
void                seg_dataset_options_set_streaming (SegDatasetOptions *options,
                                                       guint64            min_bytes);
/* What the app and segmenta-cli use: about 300,000 rows of a typical log. */
#define SEG_DATASET_STREAM_MIN_BYTES (16u << 20)
/* The memory a streamed log with a txn_id column may give its set of
 * transaction ids (0: SEG_DATASET_ID_MEMORY).  The set needs about 16 bytes
 * per id; a log whose preview predicts more ids than fit is read twice: the
 * first pass marks, in two bit filters of this size in all, the ids that may
 * occur more than once, and the second keeps only those in the set.  An id
 * the filters saw once occurs once, so duplicates are still found exactly;
 * the memory is then the filters plus the ids marked (real repeats and the
 * filters' false positives).  SegInputInfo.id_passes says which was done. */
void                seg_dataset_options_set_id_memory (SegDatasetOptions *options,
                                                       guint64            bytes);
#define SEG_DATASET_ID_MEMORY (64u << 20)
/* Whether seg_dataset_get_transactions() keeps the rows (default TRUE; the
 * churn model and CLV need them). */
void                seg_dataset_options_set_keep_transactions (SegDatasetOptions *options,
                                                               gboolean           keep);
void                seg_dataset_options_set_as_of (SegDatasetOptions *options,
                                                   double             as_of);  /* days; NAN = latest date */
void                seg_dataset_options_set_time_unit (SegDatasetOptions *options,
                                                       SegTimeUnit        unit);
/* Returns: (transfer none). */
SegReadOptions     *seg_dataset_options_get_read_options (SegDatasetOptions *options);
/* The reader's settings, to look at. */
const SegReadOptions *seg_dataset_options_get_read_settings (const SegDatasetOptions *options);
SegTimeUnit         seg_dataset_options_get_time_unit (const SegDatasetOptions *options);
double              seg_dataset_options_get_as_of    (const SegDatasetOptions *options);  /* NAN = latest */
const char         *seg_dataset_options_get_where    (const SegDatasetOptions *options);  /* nullable */
/* The --map bindings as given ("transactions.amount=fee"), and the
 * calculated columns ("name = expression"), in order. (transfer full) */
GStrv               seg_dataset_options_dup_maps     (const SegDatasetOptions *options);
GStrv               seg_dataset_options_dup_txn_derives (const SegDatasetOptions *options);
GStrv               seg_dataset_options_dup_derives  (const SegDatasetOptions *options);
guint               seg_dataset_options_get_n_inputs (const SegDatasetOptions *options);
const char         *seg_dataset_options_get_input    (const SegDatasetOptions *options,
                                                      guint                    index,
                                                      SegFileRole             *role);

GType        seg_dataset_get_type  (void) G_GNUC_CONST;

/* Reads every input (progress covers reading and building).
 * Returns: (transfer full). */
SegDataset  *seg_dataset_load      (const SegDatasetOptions *options,
                                    GCancellable            *cancellable,
                                    SegProgressFunc          progress,
                                    gpointer                 user_data,
                                    GError                 **error);

/* Builds from tables already read, whose roles (file and column) are set.
 * Returns: (transfer full). */
SegDataset  *seg_dataset_build     (GPtrArray               *tables,     /* SegTable* */
                                    const SegDatasetOptions *options,
                                    GCancellable            *cancellable,
                                    SegProgressFunc          progress,
                                    gpointer                 user_data,
                                    GError                 **error);

void         seg_dataset_load_async  (const SegDatasetOptions *options,
                                      GCancellable            *cancellable,
                                      SegProgressFunc          progress,   /* called in the main context via an idle */
                                      gpointer                 progress_data,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data);
/* Returns: (transfer full). */
SegDataset  *seg_dataset_load_finish (GAsyncResult *result,
                                      GError      **error);

/* Returns: (transfer full). */
SegDataset  *seg_dataset_ref       (SegDataset *dataset);
void         seg_dataset_unref     (SegDataset *dataset);

/* One row per customer.  Column 0 is customer_id (TEXT).
 * Returns: (transfer none). */
SegTable    *seg_dataset_get_customers (const SegDataset *dataset);
double       seg_dataset_get_as_of     (const SegDataset *dataset);     /* days */
gboolean     seg_dataset_has_transactions (const SegDataset *dataset);
guint        seg_dataset_get_n_inputs  (const SegDataset *dataset);
const SegInputInfo *seg_dataset_get_input (const SegDataset *dataset,
                                           guint             index);
/* NULL without a transaction log. */
const SegKeptTransactions *seg_dataset_get_transactions (const SegDataset *dataset);
/* Cohort retention of the kept transactions (seg-cohort.h); NULL without a
 * transaction log or when no kept row has a usable date. */
const SegCohorts *seg_dataset_get_cohorts (const SegDataset *dataset);
/* Things the user should know (unknown customers, duplicates, imputations…).
 * Returns: (transfer none). */
GPtrArray   *seg_dataset_get_notices   (const SegDataset *dataset);
/* Dates the customer table leaves out, per column, with the count and the
 * notice that says so (also among seg_dataset_get_notices ()); the window
 * shows them above the customer table and in a toast.
 * SEG_DATE_NOTE_AFTER_AS_OF (issue 10: no negative ages): registration
 * dates after the as-of date leave days_since_registration empty; dates of
 * a calculated column are left empty themselves.  (Transaction and activity
 * rows after the as-of date are left out whole and counted in
 * SegInputInfo.after_as_of.)
 * SEG_DATE_NOTE_PLACEHOLDER (issue 17): dates far outside the others of
 * their column, such as 9999-12-31 or 1900-01-01 (the rule is in
 * seg-date-spread.c), read as missing: a transaction or activity row with
 * one is left out as a row without a date is (SegInputInfo.placeholder_dates),
 * a customer table's cell is empty; none sets the as-of date.  The notice
 * starts with the file and the line of the first. */
typedef enum
{
  SEG_DATE_NOTE_AFTER_AS_OF,
  SEG_DATE_NOTE_PLACEHOLDER,
} SegDateNoteKind;

typedef struct
{
  char    *column;    /* e.g. "signup_date", or a calculated column */
  guint64  count;
  char    *message;   /* the notice */
  SegDateNoteKind kind;
} SegFutureDates;

/* Returns: (transfer none). */
GPtrArray   *seg_dataset_get_future_dates (const SegDataset *dataset);   /* SegFutureDates* */
/* TRUE when every file's role and key columns were detected with confidence. */
gboolean     seg_dataset_is_confident  (const SegDataset *dataset);
const SegDatasetOptions *seg_dataset_get_options (const SegDataset *dataset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegDataset, seg_dataset_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegDatasetOptions, seg_dataset_options_free)

G_END_DECLS
