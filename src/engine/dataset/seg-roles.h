/* seg-roles.h — what a file is and what its columns mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Detection looks at header names (in several spellings: customer_id, CUST_ID,
 * CustomerID, InvoiceNo, txn_date, …), the file name, column types and values
 * (are customer ids repeated?).  Everything it decides can be overridden.
 */
#pragma once

#include "seg-table.h"

G_BEGIN_DECLS

typedef struct
{
  SegFileRole role;
  gboolean    confident;     /* role and every key column found without doubt */
  char       *reason;        /* why, in words, e.g. "a date and an amount per row, customer ids repeat" */
  char       *proposal;      /* a suggested binding the user should confirm, e.g.
                                "amount = Quantity * UnitPrice", or NULL */
} SegRoleGuess;

/* Sets column->role on the columns it recognises and returns the file role.
 * @table must not be shared yet (roles are written into its columns). */
void         seg_roles_detect       (SegTable     *table,
                                     SegRoleGuess *guess);
/* The roles of @table's columns for a file role the user chose: detection
 * runs again for that role (an amount column that bad cells made text is
 * read as numbers, the bad cells left empty, with a notice). */
void         seg_roles_detect_as    (SegTable     *table,
                                     SegFileRole   role,
                                     SegRoleGuess *guess);
void         seg_role_guess_clear   (SegRoleGuess *guess);

/* Which column roles are meaningful for a file role (for the import view). */
const SegFieldRole *seg_roles_for_file (SegFileRole role,
                                        guint      *n_roles);

G_END_DECLS
