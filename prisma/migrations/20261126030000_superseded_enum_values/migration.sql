-- AlterEnum (alone: a value added by ALTER TYPE cannot be used in the transaction that adds it)
ALTER TYPE "VerificationStatus" ADD VALUE 'superseded';

-- AlterEnum
ALTER TYPE "SessionEventType" ADD VALUE 'reused';
ALTER TYPE "SessionEventType" ADD VALUE 'superseded';
