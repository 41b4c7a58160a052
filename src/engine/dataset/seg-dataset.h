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
#include "seg-csv.h"
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
/**
 * seg_dataset_options_new:
 *
 * Returns: (transfer full): options with no input and every default
 */
SegDatasetOptions  *seg_dataset_options_new      (void);
/**
 * seg_dataset_options_copy:
 * @options: options
 *
 * Returns: (transfer full): a deep copy of @options
 */
SegDatasetOptions  *seg_dataset_options_copy     (const SegDatasetOptions *options);
/**
 * seg_dataset_options_free:
 * @options: (nullable) (transfer full): options
 */
void                seg_dataset_options_free     (SegDatasetOptions *options);
/**
 * seg_dataset_options_add_input:
 * @options: options
 * @path: a file or a database input
 * @role: what the input is; %SEG_FILE_ROLE_UNKNOWN to detect it
 */
void                seg_dataset_options_add_input (SegDatasetOptions *options,
                                                   const char        *path,
                                                   SegFileRole        role);
/**
 * seg_dataset_options_add_map:
 * @options: options
 * @text: a binding, ROLE.FIELD=EXPR, such as
 *   "transactions.amount=Quantity * UnitPrice"
 * @error: a #GError in %SEG_ERROR when @text is not such a binding
 *
 * Returns: %TRUE when the binding was added
 */
gboolean            seg_dataset_options_add_map   (SegDatasetOptions *options,
                                                   const char        *text,
                                                   GError           **error);
/**
 * seg_dataset_options_set_where:
 * @options: options
 * @expr: (nullable): the filter on transaction rows (--where); %NULL for
 *   none
 */
void                seg_dataset_options_set_where (SegDatasetOptions *options,
                                                   const char        *expr);
/**
 * seg_dataset_options_add_txn_derive:
 * @options: options
 * @assignment: "name = expression", a column calculated on every
 *   transaction row
 */
void                seg_dataset_options_add_txn_derive (SegDatasetOptions *options,
                                                        const char        *assignment);
/**
 * seg_dataset_options_add_derive:
 * @options: options
 * @assignment: "name = expression", a column calculated on the customer
 *   table
 */
void                seg_dataset_options_add_derive     (SegDatasetOptions *options,
                                                        const char        *assignment);
/**
 * seg_dataset_options_set_streaming:
 * @options: options
 * @min_bytes: the size from which a transaction log is streamed; 0 keeps
 *   every file whole
 *
 * Transaction logs of at least @min_bytes are not kept as a table: a preview
 * of their first rows is, and the metrics come from one streaming pass over
 * the file (0, the default, keeps every file whole).  Logs that need
 * expressions, filters or an ambiguous date order are read whole anyway.
 */
void                seg_dataset_options_set_streaming (SegDatasetOptions *options,
                                                       guint64            min_bytes);
/* What the app and segmenta-cli use: about 300,000 rows of a typical log. */
#define SEG_DATASET_STREAM_MIN_BYTES (16u << 20)
/**
 * seg_dataset_options_set_id_memory:
 * @options: options
 * @bytes: the memory for the set of transaction ids; 0 for
 *   %SEG_DATASET_ID_MEMORY
 *
 * The memory a streamed log with a txn_id column may give its set of
 * transaction ids.  The set needs about 16 bytes
 * per id; a log whose preview predicts more ids than fit is read twice: the
 * first pass marks, in two bit filters of this size in all, the ids that may
 * occur more than once, and the second keeps only those in the set.  An id
 * the filters saw once occurs once, so duplicates are still found exactly;
 * the memory is then the filters plus the ids marked (real repeats and the
 * filters' false positives).  SegInputInfo.id_passes says which was done. */
void                seg_dataset_options_set_id_memory (SegDatasetOptions *options,
                                                       guint64            bytes);
#define SEG_DATASET_ID_MEMORY (64u << 20)
/**
 * seg_dataset_options_set_keep_transactions:
 * @options: options
 * @keep: whether seg_dataset_get_transactions () keeps the rows (default
 *   %TRUE; the churn model and CLV need them)
 */
void                seg_dataset_options_set_keep_transactions (SegDatasetOptions *options,
                                                               gboolean           keep);
/**
 * seg_dataset_options_set_as_of:
 * @options: options
 * @as_of: the as-of date in days since 1970-01-01; NAN for the latest date
 *   of the data
 */
void                seg_dataset_options_set_as_of (SegDatasetOptions *options,
                                                   double             as_of);
/**
 * seg_dataset_options_set_time_unit:
 * @options: options
 * @unit: the unit of recency, tenure and the BG/NBD times
 */
void                seg_dataset_options_set_time_unit (SegDatasetOptions *options,
                                                       SegTimeUnit        unit);
/**
 * seg_dataset_options_get_read_options:
 * @options: options
 *
 * Returns: (transfer none): the reader's settings, to change
 */
SegReadOptions     *seg_dataset_options_get_read_options (SegDatasetOptions *options);
/**
 * seg_dataset_options_get_read_settings:
 * @options: options
 *
 * Returns: (transfer none): the reader's settings, to look at
 */
const SegReadOptions *seg_dataset_options_get_read_settings (const SegDatasetOptions *options);
/**
 * seg_dataset_options_get_time_unit:
 * @options: options
 *
 * Returns: the unit set with seg_dataset_options_set_time_unit ()
 */
SegTimeUnit         seg_dataset_options_get_time_unit (const SegDatasetOptions *options);
/**
 * seg_dataset_options_get_as_of:
 * @options: options
 *
 * Returns: the as-of date set, in days; NAN for the latest date
 */
double              seg_dataset_options_get_as_of    (const SegDatasetOptions *options);
/**
 * seg_dataset_options_get_where:
 * @options: options
 *
 * Returns: (transfer none) (nullable): the filter on transaction rows
 */
const char         *seg_dataset_options_get_where    (const SegDatasetOptions *options);
/**
 * seg_dataset_options_dup_maps:
 * @options: options
 *
 * Returns: (transfer full): the --map bindings as given
 *   ("transactions.amount=fee"), in order
 */
GStrv               seg_dataset_options_dup_maps     (const SegDatasetOptions *options);
/**
 * seg_dataset_options_dup_txn_derives:
 * @options: options
 *
 * Returns: (transfer full): the columns calculated on transaction rows
 *   ("name = expression"), in order
 */
GStrv               seg_dataset_options_dup_txn_derives (const SegDatasetOptions *options);
/**
 * seg_dataset_options_dup_derives:
 * @options: options
 *
 * Returns: (transfer full): the columns calculated on the customer table
 *   ("name = expression"), in order
 */
GStrv               seg_dataset_options_dup_derives  (const SegDatasetOptions *options);
/**
 * seg_dataset_options_get_n_inputs:
 * @options: options
 *
 * Returns: the number of inputs added
 */
guint               seg_dataset_options_get_n_inputs (const SegDatasetOptions *options);
/**
 * seg_dataset_options_get_input:
 * @options: options
 * @index: an input, below seg_dataset_options_get_n_inputs ()
 * @role: (out) (optional): the role it was added with
 *
 * Returns: (transfer none): the input's path or database input
 */
const char         *seg_dataset_options_get_input    (const SegDatasetOptions *options,
                                                      guint                    index,
                                                      SegFileRole             *role);

GType        seg_dataset_get_type  (void) G_GNUC_CONST;

/**
 * seg_dataset_load:
 * @options: the inputs and settings
 * @cancellable: (nullable): checked while reading and building
 * @progress: (nullable) (scope call): told of reading and building
 * @user_data: (closure progress): for @progress
 * @error: a #GError in %SEG_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Reads every input, detects the roles and builds the dataset.
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL with @error set
 */
SegDataset  *seg_dataset_load      (const SegDatasetOptions *options,
                                    GCancellable            *cancellable,
                                    SegProgressFunc          progress,
                                    gpointer                 user_data,
                                    GError                 **error);

/**
 * seg_dataset_build:
 * @tables: (element-type SegTable): tables already read, whose roles (file
 *   and column) are set
 * @options: (nullable): the settings (its inputs are not read); %NULL for
 *   the defaults
 * @cancellable: (nullable): checked while building
 * @progress: (nullable) (scope call): told of the building
 * @user_data: (closure progress): for @progress
 * @error: a #GError in %SEG_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Builds the dataset from tables read and reviewed in the import view.
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL with @error set
 */
SegDataset  *seg_dataset_build     (GPtrArray               *tables,
                                    const SegDatasetOptions *options,
                                    GCancellable            *cancellable,
                                    SegProgressFunc          progress,
                                    gpointer                 user_data,
                                    GError                 **error);

/**
 * seg_dataset_load_async:
 * @options: the inputs and settings (copied)
 * @cancellable: (nullable): cancels the load
 * @progress: (nullable) (scope notified): called in the caller's main
 *   context through one #SegProgressRelay
 * @progress_data: (closure progress): for @progress
 * @callback: (scope async): called in the caller's main context when done
 * @user_data: (closure callback): for @callback
 *
 * Runs seg_dataset_load () on a worker (seg_job_run_async ()).
 */
void         seg_dataset_load_async  (const SegDatasetOptions *options,
                                      GCancellable            *cancellable,
                                      SegProgressFunc          progress,
                                      gpointer                 progress_data,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data);
/**
 * seg_dataset_load_finish:
 * @result: the result given to the callback of seg_dataset_load_async ()
 * @error: a #GError in %SEG_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL with @error set
 */
SegDataset  *seg_dataset_load_finish (GAsyncResult *result,
                                      GError      **error);

/**
 * seg_dataset_ref:
 * @dataset: a dataset
 *
 * Returns: (transfer full): @dataset
 */
SegDataset  *seg_dataset_ref       (SegDataset *dataset);
/**
 * seg_dataset_unref:
 * @dataset: (transfer full): a dataset
 */
void         seg_dataset_unref     (SegDataset *dataset);

/**
 * seg_dataset_get_customers:
 * @dataset: a dataset
 *
 * Returns: (transfer none): one row per customer; column 0 is customer_id
 *   (TEXT)
 */
SegTable    *seg_dataset_get_customers (const SegDataset *dataset);
/**
 * seg_dataset_get_as_of:
 * @dataset: a dataset
 *
 * Returns: the as-of date, in days since 1970-01-01
 */
double       seg_dataset_get_as_of     (const SegDataset *dataset);
/**
 * seg_dataset_has_transactions:
 * @dataset: a dataset
 *
 * Returns: %TRUE when one of the inputs is a transaction log
 */
gboolean     seg_dataset_has_transactions (const SegDataset *dataset);
/**
 * seg_dataset_get_n_inputs:
 * @dataset: a dataset
 *
 * Returns: the number of inputs it was built from
 */
guint        seg_dataset_get_n_inputs  (const SegDataset *dataset);
/**
 * seg_dataset_get_input:
 * @dataset: a dataset
 * @index: an input, below seg_dataset_get_n_inputs ()
 *
 * Returns: (transfer none): what was read from that input and what was
 *   left out
 */
const SegInputInfo *seg_dataset_get_input (const SegDataset *dataset,
                                           guint             index);
/**
 * seg_dataset_get_transactions:
 * @dataset: a dataset
 *
 * Returns: (transfer none) (nullable): the kept transaction rows; %NULL
 *   without a transaction log or when they were not kept
 */
const SegKeptTransactions *seg_dataset_get_transactions (const SegDataset *dataset);
/**
 * seg_dataset_get_cohorts:
 * @dataset: a dataset
 *
 * Returns: (transfer none) (nullable): cohort retention of the kept
 *   transactions (seg-cohort.h); %NULL without a transaction log or when
 *   no kept row has a usable date
 */
const SegCohorts *seg_dataset_get_cohorts (const SegDataset *dataset);
/**
 * seg_dataset_get_notices:
 * @dataset: a dataset
 *
 * Returns: (transfer none) (element-type utf8): things the user should
 *   know (unknown customers, duplicates, imputations…)
 */
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

/**
 * seg_dataset_get_future_dates:
 * @dataset: a dataset
 *
 * Returns: (transfer none) (element-type SegFutureDates): the dates left
 *   out, per column (see above)
 */
GPtrArray   *seg_dataset_get_future_dates (const SegDataset *dataset);
/**
 * seg_dataset_is_confident:
 * @dataset: a dataset
 *
 * Returns: %TRUE when every file's role and key columns were detected with
 *   confidence
 */
gboolean     seg_dataset_is_confident  (const SegDataset *dataset);
/**
 * seg_dataset_get_options:
 * @dataset: a dataset
 *
 * Returns: (transfer none): the options it was built with
 */
const SegDatasetOptions *seg_dataset_get_options (const SegDataset *dataset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegDataset, seg_dataset_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegDatasetOptions, seg_dataset_options_free)

G_END_DECLS
