-- Run once by the postgres:18 image on an empty data directory (docker-entrypoint-initdb.d).
-- One database per service: no service reads another's tables (docs/architecture.md).
CREATE DATABASE tpm_training;
CREATE DATABASE tpm_performance;
CREATE DATABASE tpm_coaching;
CREATE DATABASE tpm_rewards;
CREATE DATABASE tpm_reporting;
