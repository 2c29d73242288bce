DROP TABLE evaluations_student;
