-- Staff created by single sign-on have no password: NULL means "no password sign-in for this account"
-- (the credentials check then compares against its timing decoy, as for an unknown email).
ALTER TABLE "staff_users" ALTER COLUMN "password_hash" DROP NOT NULL;
