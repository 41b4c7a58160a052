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

/**
 * seg_roles_detect:
 * @table: a table not shared yet (roles are written into its columns)
 * @guess: (out caller-allocates): the file's role and why; clear it with
 *   seg_role_guess_clear ()
 *
 * Sets the role of the columns it recognises and guesses the file's role.
 */
void         seg_roles_detect       (SegTable     *table,
                                     SegRoleGuess *guess);
/**
 * seg_roles_detect_as:
 * @table: a table not shared yet
 * @role: the file role the user chose
 * @guess: (inout caller-allocates): set up by seg_roles_detect (); cleared
 *   and set again
 *
 * Sets the roles of @table's columns for @role: detection runs again for
 * that role (an amount column that bad cells made text is read as numbers,
 * the bad cells left empty, with a notice).
 */
void         seg_roles_detect_as    (SegTable     *table,
                                     SegFileRole   role,
                                     SegRoleGuess *guess);
/**
 * seg_role_guess_clear:
 * @guess: a guess
 *
 * Frees the texts the guess holds (the struct itself is the caller's).
 */
void         seg_role_guess_clear   (SegRoleGuess *guess);

/**
 * seg_roles_for_file:
 * @role: a file role
 * @n_roles: (out): the length of the array returned
 *
 * Which column roles are meaningful for a file role (for the import view).
 *
 * Returns: (transfer none) (array length=n_roles): the column roles
 */
const SegFieldRole *seg_roles_for_file (SegFileRole role,
                                        guint      *n_roles);

G_END_DECLS
