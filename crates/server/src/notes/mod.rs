//! Notes from the client and their circle (R15–R17): a timeline written by those with
//! the write right and read by those with the read right. Authors may edit for 15
//! minutes and retract their own note; the organisation may remove one with a reason
//! (R16). Nothing is deleted: a retracted or removed note stays for the retention period.

mod queries;
mod routes;

pub use routes::{routes, staff_routes};

#[cfg(test)]
mod tests;
